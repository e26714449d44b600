package dev.diundashboard.security;

import dev.diundashboard.audit.AuditLog;
import dev.diundashboard.platform.RawConfig;
import dev.diundashboard.storage.WriteGate;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Failed logins, form and Basic, in both login modes: throttled ({@link LoginThrottle}), logged at
 * WARNING with the user name and client address (never the password), and audited as
 * {@code login.failed}. An audit write that fails (database away) is logged and does not change the
 * answer.
 */
@ApplicationScoped
public class LoginGuard {

    private static final Logger LOG = Logger.getLogger(LoginGuard.class.getName());

    @Inject
    AuditLog audit;

    @Inject
    WriteGate writes;

    private ThrottleSettings settings;
    private InvalidLoginConfigurationException invalid;
    private LoginThrottle throttle;

    @PostConstruct
    void read() {
        try {
            settings = ThrottleSettings.from(
                    RawConfig.value("LOGIN_LOCKOUT_MAX_SECONDS"), RawConfig.value("TRUSTED_PROXIES"));
            throttle = new LoginThrottle(settings.maxLockoutSeconds() * 1000, System::currentTimeMillis);
        } catch (InvalidLoginConfigurationException e) {
            LOG.severe(e.getMessage());
            invalid = e;
        }
    }

    /** An invalid setting stops the deployment, with the setting named. */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        settings();
    }

    private ThrottleSettings settings() {
        if (invalid != null) {
            throw new InvalidLoginConfigurationException(invalid.getMessage());
        }
        return settings;
    }

    /**
     * The socket's address, or, when that is a trusted proxy, the right-most address in
     * {@code X-Forwarded-For} that is not a trusted proxy itself.
     */
    String clientAddress(HttpServletRequest request) {
        String peer = ThrottleSettings.normalizeIp(request.getRemoteAddr());
        peer = peer == null ? String.valueOf(request.getRemoteAddr()) : peer;
        String forwarded = request.getHeader("X-Forwarded-For");
        if (!settings().trustedProxies().contains(peer) || forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = ThrottleSettings.normalizeIp(hops[i].strip());
            if (hop == null) {
                return peer; // a malformed list: count it against the proxy, never a made-up name
            }
            if (!settings().trustedProxies().contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /** Seconds to wait before this attempt may be checked (Retry-After), or 0. */
    long retryAfterSeconds(String user, String address) {
        settings();
        long millis = throttle.waitMillis(user, address);
        return millis == 0 ? 0 : Math.max(1, (millis + 999) / 1000);
    }

    void succeeded(String user, String address) {
        throttle.succeeded(user, address);
    }

    void failed(String user, String address, String via) {
        long lock = throttle.failed(user, address);
        String shown = LoginSettings.printable(user, 100);
        LOG.warning("login failed for user '" + shown + "' from " + address + " (" + via + ")"
                + (lock > 0 ? "; further attempts refused for " + (lock + 999) / 1000 + " s" : ""));
        try {
            writes.run(() -> {
                audit.record(
                        "login.failed",
                        "user " + shown,
                        Json.createObjectBuilder()
                                .add("user", shown)
                                .add("address", address)
                                .add("via", via));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not audit a failed login: " + e.getMessage());
        }
    }
}
