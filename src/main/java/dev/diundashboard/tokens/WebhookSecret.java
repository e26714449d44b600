package dev.diundashboard.tokens;

import dev.diundashboard.platform.RawConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code WEBHOOK_SECRET}, read as given and checked when the application starts: a value that is set
 * but empty or only whitespace would silently leave the webhook open, so it stops the deployment.
 */
@ApplicationScoped
public class WebhookSecret {

    private static final Logger LOG = Logger.getLogger(WebhookSecret.class.getName());

    static final String EMPTY = "WEBHOOK_SECRET is set but empty or blank: set a secret, or unset it";

    private Optional<String> secret;
    private boolean invalid;

    @PostConstruct
    void read() {
        Optional<String> raw = RawConfig.value("WEBHOOK_SECRET");
        invalid = !valid(raw);
        if (invalid) {
            LOG.severe(EMPTY);
        }
        secret = raw;
    }

    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        get();
    }

    /** Unset, or a secret that is not blank. */
    static boolean valid(Optional<String> raw) {
        return raw.isEmpty() || !raw.get().isBlank();
    }

    /** The secret, when one is configured. */
    public Optional<String> get() {
        if (invalid) {
            throw new IllegalStateException(EMPTY);
        }
        return secret;
    }
}
