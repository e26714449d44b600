package dev.diundashboard.updates;

import dev.diundashboard.platform.WholeNumberSetting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long a newly built image stays "settling" before it counts as "mature": {@code MATURITY_DAYS},
 * off by default. It marks updates (and filters them), it hides nothing. The image's age is its
 * {@code created} time as Diun sent it. A malformed value stops the application with one line
 * naming it.
 */
@ApplicationScoped
public class Maturity {

    static final int LIMIT = 3650;

    private static final Logger LOG = Logger.getLogger(Maturity.class.getName());

    /** The setting of this deployment, read by {@link UpdateView}'s constructor; empty when off. */
    private static volatile Optional<Duration> settling = Optional.empty();

    @Inject
    @ConfigProperty(name = "MATURITY_DAYS")
    Optional<String> setting;

    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            settling = parse(setting).map(Duration::ofDays);
        } catch (IllegalArgumentException e) {
            LOG.severe(e.getMessage());
            throw new IllegalStateException(e.getMessage());
        }
        settling.ifPresent(d -> LOG.info(() -> "updates younger than " + d.toDays() + " days are settling"));
    }

    /** Days from 1 to {@value #LIMIT}, or empty when unset or blank. */
    static Optional<Integer> parse(Optional<String> value) {
        return WholeNumberSetting.parse("MATURITY_DAYS", value, 1, LIMIT, " of days");
    }

    /** {@code settling} or {@code mature} by the image's build time, or null when off or unknown. */
    static String of(Instant created, Instant now) {
        Optional<Duration> days = settling;
        if (days.isEmpty() || created == null) {
            return null;
        }
        return (created.isAfter(now.minus(days.get())) ? State.SETTLING : State.MATURE).wireName();
    }

    /** When an image built after it is still settling; empty when maturity is off. */
    static Optional<Instant> settlingSince(Instant now) {
        return settling.map(now::minus);
    }

    static void set(Optional<Integer> days) {
        settling = days.map(Duration::ofDays);
    }

    /** The two marks, as the API and the {@code maturity} filter name them. */
    public enum State {
        SETTLING,
        MATURE;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
