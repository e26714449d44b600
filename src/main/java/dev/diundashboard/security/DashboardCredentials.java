package dev.diundashboard.security;

import dev.diundashboard.platform.RawConfig;
import dev.diundashboard.platform.Role;
import dev.diundashboard.platform.Secrets;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The login configuration ({@link LoginSettings}), read once through MicroProfile Config and checked
 * when the application starts: an invalid or half configuration stops the deployment.
 */
@ApplicationScoped
public class DashboardCredentials {

    private static final Logger LOG = Logger.getLogger(DashboardCredentials.class.getName());

    private LoginSettings settings;
    private OidcSettings oidc;
    private InvalidLoginConfigurationException invalid;

    @PostConstruct
    void read() {
        try {
            // As given: an empty value must be refused, not read as "unset" (see RawConfig).
            settings = LoginSettings.from(
                    RawConfig.value("DASHBOARD_AUTH"),
                    RawConfig.value("DASHBOARD_USER"),
                    RawConfig.value("DASHBOARD_PASSWORD"),
                    RawConfig.value("DASHBOARD_VIEWER_USER"),
                    RawConfig.value("DASHBOARD_VIEWER_PASSWORD"));
            oidc = OidcSettings.from(new OidcSettings.Given(
                            RawConfig.value("OIDC_ISSUER"),
                            RawConfig.value("OIDC_CLIENT_ID"),
                            RawConfig.value("OIDC_CLIENT_SECRET"),
                            RawConfig.value("DASHBOARD_URL"),
                            RawConfig.value("OIDC_ROLES_CLAIM"),
                            RawConfig.value("OIDC_ADMIN_GROUPS"),
                            RawConfig.value("OIDC_OPERATOR_GROUPS"),
                            RawConfig.value("OIDC_VIEWER_GROUPS")))
                    .orElse(null);
            if (oidc != null) {
                settings = settings.withOidc(oidc);
            }
            settings.warning().ifPresent(LOG::warning);
            LOG.info(oidc == null ? settings.describe() : oidc.describe());
        } catch (InvalidLoginConfigurationException e) {
            LOG.severe(e.getMessage());
            invalid = e;
        }
    }

    /**
     * Checks the configuration as the application starts: an invalid value stops the deployment, with
     * the problem named in the server log and in the deployer's error message.
     */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        settings();
    }

    private LoginSettings settings() {
        if (invalid != null) {
            throw new InvalidLoginConfigurationException(invalid.getMessage());
        }
        return settings;
    }

    public LoginSettings.Mode mode() {
        return settings().mode();
    }

    public boolean loginRequired() {
        return settings().loginRequired();
    }

    /** The OpenID Connect settings; only in {@link LoginSettings.Mode#OIDC}. */
    public OidcSettings oidc() {
        settings();
        if (oidc == null) {
            throw new IllegalStateException("OpenID Connect is not configured");
        }
        return oidc;
    }

    /** A user that the password login accepted, with the role it gives. */
    public record Caller(String user, Role role) {}

    /**
     * Constant-time check against DASHBOARD_USER/DASHBOARD_PASSWORD (an admin) and, when set,
     * DASHBOARD_VIEWER_USER/DASHBOARD_VIEWER_PASSWORD (a viewer). Both pairs are always compared.
     */
    public Optional<Caller> check(String presentedUser, String presentedPassword) {
        LoginSettings settings = settings();
        if (settings.mode() != LoginSettings.Mode.PASSWORD || presentedUser == null || presentedPassword == null) {
            return Optional.empty();
        }
        boolean admin = Secrets.matches(presentedUser, settings.user())
                & Secrets.matches(presentedPassword, settings.password());
        boolean viewer = settings.viewerUser() != null
                & Secrets.matches(presentedUser, String.valueOf(settings.viewerUser()))
                & Secrets.matches(presentedPassword, String.valueOf(settings.viewerPassword()));
        if (admin) {
            return Optional.of(new Caller(settings.user(), Role.ADMIN));
        }
        return viewer ? Optional.of(new Caller(settings.viewerUser(), Role.VIEWER)) : Optional.empty();
    }
}
