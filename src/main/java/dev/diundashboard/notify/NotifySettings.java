package dev.diundashboard.notify;

import dev.diundashboard.platform.SiteAddress;
import dev.diundashboard.platform.WholeNumberSetting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code DASHBOARD_URL}: the address messages link back to (none: messages carry no links to the
 * dashboard). {@code OUTBOX_RETRY_SECONDS}: the first wait after a failed delivery (default {@value
 * #DEFAULT_RETRY_SECONDS}); each next wait doubles, up to an hour. {@code OUTBOX_MAX_ATTEMPTS}: the
 * attempts before a delivery is failed (default {@value #DEFAULT_MAX_ATTEMPTS}: with the default
 * waits, the last about 85 minutes after the first: 10 + 20 + … + 2,560 s).
 */
@ApplicationScoped
public class NotifySettings {

    static final int DEFAULT_RETRY_SECONDS = 10;
    static final int DEFAULT_MAX_ATTEMPTS = 10;

    @Inject
    @ConfigProperty(name = "DASHBOARD_URL")
    Optional<String> dashboardUrl;

    @Inject
    @ConfigProperty(name = "OUTBOX_RETRY_SECONDS")
    Optional<String> retrySeconds;

    @Inject
    @ConfigProperty(name = "OUTBOX_MAX_ATTEMPTS")
    Optional<String> maxAttempts;

    /**
     * Without a trailing slash, or null.
     *
     * @throws IllegalArgumentException naming DASHBOARD_URL when it is set but not an http(s) address
     */
    public String dashboardUrl() {
        String url = dashboardUrl.map(String::strip).orElse("");
        if (url.isEmpty()) {
            return null;
        }
        return SiteAddress.parse(url)
                .orElseThrow(() -> new IllegalArgumentException("DASHBOARD_URL must be the dashboard's http:// or"
                        + " https:// address, such as https://diun.example.com"));
    }

    /** @throws IllegalArgumentException naming OUTBOX_RETRY_SECONDS when it is not 1 to 3600 */
    public int retrySeconds() {
        return WholeNumberSetting.parse("OUTBOX_RETRY_SECONDS", retrySeconds, 1, 3600, " of seconds")
                .orElse(DEFAULT_RETRY_SECONDS);
    }

    /** @throws IllegalArgumentException naming OUTBOX_MAX_ATTEMPTS when it is not 1 to 100 */
    public int maxAttempts() {
        return WholeNumberSetting.parse("OUTBOX_MAX_ATTEMPTS", maxAttempts, 1, 100, "")
                .orElse(DEFAULT_MAX_ATTEMPTS);
    }
}
