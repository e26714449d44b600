package dev.diundashboard.security;

import dev.diundashboard.tokens.TokenHashes;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The login configuration ({@link LoginSettings}), read once through MicroProfile Config and checked
 * when the application starts: an invalid {@code DASHBOARD_AUTH} stops the deployment.
 */
@ApplicationScoped
public class DashboardCredentials {

    private static final Logger LOG = Logger.getLogger(DashboardCredentials.class.getName());

    /** The role every authenticated dashboard user has. */
    public static final String ROLE = LoginSettings.ROLE;

    @Inject
    @ConfigProperty(name = "DASHBOARD_AUTH")
    Optional<String> auth;

    @Inject
    @ConfigProperty(name = "DASHBOARD_USER")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "DASHBOARD_PASSWORD")
    Optional<String> password;

    private LoginSettings settings;
    private InvalidLoginConfigurationException invalid;

    @PostConstruct
    void read() {
        try {
            settings = LoginSettings.from(auth, user, password);
            settings.warning().ifPresent(LOG::warning);
            LOG.info(settings::describe);
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

    /** Constant-time check of DASHBOARD_USER and DASHBOARD_PASSWORD; the user name is returned on success. */
    public Optional<String> check(String presentedUser, String presentedPassword) {
        LoginSettings settings = settings();
        if (settings.mode() != LoginSettings.Mode.PASSWORD || presentedUser == null || presentedPassword == null) {
            return Optional.empty();
        }
        boolean userOk = TokenHashes.matches(presentedUser, settings.user());
        boolean passwordOk = TokenHashes.matches(presentedPassword, settings.password());
        return userOk & passwordOk ? Optional.of(settings.user()) : Optional.empty();
    }
}
