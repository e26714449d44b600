package dev.diundashboard.security;

import dev.diundashboard.tokens.TokenHashes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** DASHBOARD_USER / DASHBOARD_PASSWORD: when both are set, the page and /api require login. */
@ApplicationScoped
public class DashboardCredentials {

    /** The role every authenticated dashboard user has. */
    public static final String ROLE = "dashboard";

    @Inject
    @ConfigProperty(name = "DASHBOARD_USER")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "DASHBOARD_PASSWORD")
    Optional<String> password;

    public boolean loginRequired() {
        return user.filter(u -> !u.isBlank()).isPresent()
                && password.filter(p -> !p.isEmpty()).isPresent();
    }

    /** Constant-time check of both values; the user name is returned on success. */
    public Optional<String> check(String presentedUser, String presentedPassword) {
        if (!loginRequired() || presentedUser == null || presentedPassword == null) {
            return Optional.empty();
        }
        boolean userOk = TokenHashes.matches(presentedUser, user.get());
        boolean passwordOk = TokenHashes.matches(presentedPassword, password.get());
        return userOk & passwordOk ? Optional.of(user.get()) : Optional.empty();
    }
}
