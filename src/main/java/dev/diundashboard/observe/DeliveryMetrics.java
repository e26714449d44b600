package dev.diundashboard.observe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * What the notification outbox did with each delivery attempt, per channel type: the counters {@code
 * diun_outbox_sent_total}, {@code diun_outbox_retried_total} and {@code diun_outbox_failed_total},
 * labelled {@code channel_type}. All 18 series exist from startup at zero, so that an alert on a
 * rate has something to read before the first delivery. The sender calls {@link #record} once per
 * attempt; nothing here depends on the outbox.
 */
@ApplicationScoped
public class DeliveryMetrics {

    /** The channel types a delivery can go to; the only values of the {@code channel_type} label. */
    public static final List<String> CHANNEL_TYPES = List.of("ntfy", "gotify", "discord", "slack", "email", "webhook");

    static final String LABEL = "channel_type";

    /** How one delivery attempt ended. */
    public enum Outcome {
        /** The channel accepted the message. */
        SENT("diun.outbox.sent", "Notifications the channel accepted, by channel type"),
        /** The attempt failed and the message will be tried again. */
        RETRIED("diun.outbox.retried", "Delivery attempts that failed and will be tried again, by channel type"),
        /** The message was given up: no attempt is left. */
        FAILED("diun.outbox.failed", "Notifications given up after their last attempt, by channel type");

        final String metric;
        final String description;

        Outcome(String metric, String description) {
            this.metric = metric;
            this.description = description;
        }
    }

    /** Unresolvable on servers without MicroProfile Metrics (GlassFish): then nothing is counted. */
    @Inject
    Instance<MetricRegistry> registries;

    private volatile Map<Outcome, Map<String, Counter>> counters = Map.of();

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (registries.isResolvable()) {
            MetricRegistry registry = registries.get();
            counters = create((outcome, type) -> registry.counter(
                    Metadata.builder()
                            .withName(outcome.metric)
                            .withDescription(outcome.description)
                            .build(),
                    new Tag(LABEL, type)));
        }
    }

    /** One counter per outcome and channel type, made by the factory. */
    static Map<Outcome, Map<String, Counter>> create(BiFunction<Outcome, String, Counter> factory) {
        Map<Outcome, Map<String, Counter>> all = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            Map<String, Counter> byType = new LinkedHashMap<>();
            CHANNEL_TYPES.forEach(type -> byType.put(type, factory.apply(outcome, type)));
            all.put(outcome, Map.copyOf(byType));
        }
        return Map.copyOf(all);
    }

    /**
     * Counts one delivery attempt.
     *
     * @throws IllegalArgumentException for a channel type not in {@link #CHANNEL_TYPES}: a label value
     *     per caller's whim would make the series unbounded, and a misspelt type would count nowhere
     */
    public void record(String channelType, Outcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        if (channelType == null || !CHANNEL_TYPES.contains(channelType)) {
            throw new IllegalArgumentException(
                    "unknown channel type '" + channelType + "': one of " + String.join(", ", CHANNEL_TYPES));
        }
        Map<String, Counter> byType = counters.get(outcome);
        if (byType != null) {
            byType.get(channelType).inc();
        }
    }

    /** For the tests: the counters as made at startup. */
    void use(Map<Outcome, Map<String, Counter>> made) {
        counters = made;
    }
}
