package dev.diundashboard.security;

import dev.diundashboard.platform.Role;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether and how the page and /api require login, from {@code DASHBOARD_AUTH}, {@code DASHBOARD_USER}
 * and {@code DASHBOARD_PASSWORD}. {@code DASHBOARD_AUTH=realm} is the explicit choice and wins over the
 * two variables (which are then ignored, with a warning); without it, both variables turn the
 * password login on. Fails closed: a half or empty configuration is refused, never read as "off".
 * Never holds or shows the password beyond {@link #password()}.
 */
public record LoginSettings(
        Mode mode, String user, String password, String viewerUser, String viewerPassword, Optional<String> warning) {

    public enum Mode {
        /** Everything is open. */
        OFF,
        /** One user, DASHBOARD_USER with DASHBOARD_PASSWORD. */
        PASSWORD,
        /** The app server's security realm checks the password; its groups give the roles. */
        REALM,
        /** An OpenID Connect provider signs users in; its groups give the roles ({@link OidcSettings}). */
        OIDC;

        /** As {@code /api/session} names it: {@code none}, {@code password}, {@code realm}, {@code oidc}. */
        public String label() {
            return this == OFF ? "none" : name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Reads the three settings as given (an empty value is present, not missing) and refuses every
     * combination that would silently leave the dashboard open or half-configured.
     *
     * @throws InvalidLoginConfigurationException naming the setting: DASHBOARD_AUTH other than
     *     {@code realm}, an empty DASHBOARD_AUTH, or, without realm, one of DASHBOARD_USER and
     *     DASHBOARD_PASSWORD without the other, or either of them empty or blank
     */
    public static LoginSettings from(Optional<String> auth, Optional<String> user, Optional<String> password) {
        if (auth.isEmpty()) {
            if (user.isEmpty() && password.isEmpty()) {
                return new LoginSettings(Mode.OFF, null, null, null, null, Optional.empty());
            }
            if (password.isEmpty()) {
                throw new InvalidLoginConfigurationException(
                        "DASHBOARD_PASSWORD is not set but DASHBOARD_USER is: set both to turn login on, or neither");
            }
            if (user.isEmpty()) {
                throw new InvalidLoginConfigurationException(
                        "DASHBOARD_USER is not set but DASHBOARD_PASSWORD is: set both to turn login on, or neither");
            }
            if (user.get().isBlank()) {
                throw new InvalidLoginConfigurationException(
                        "DASHBOARD_USER is empty: set a user name, or unset DASHBOARD_USER and DASHBOARD_PASSWORD");
            }
            if (password.get().isBlank()) {
                throw new InvalidLoginConfigurationException(
                        "DASHBOARD_PASSWORD is empty or blank: set a password, or unset DASHBOARD_USER and"
                                + " DASHBOARD_PASSWORD");
            }
            return new LoginSettings(Mode.PASSWORD, user.get().strip(), password.get(), null, null, Optional.empty());
        }
        String choice = auth.get().strip();
        if (choice.isEmpty()) {
            throw new InvalidLoginConfigurationException(
                    "DASHBOARD_AUTH is set but empty: set it to 'realm' or unset it");
        }
        if (!choice.toLowerCase(Locale.ROOT).equals("realm")) {
            throw new InvalidLoginConfigurationException(
                    "DASHBOARD_AUTH must be 'realm' or unset, not '" + printable(choice) + "'");
        }
        Optional<String> warning = user.isPresent() || password.isPresent()
                ? Optional.of("DASHBOARD_USER/DASHBOARD_PASSWORD are ignored: DASHBOARD_AUTH=realm checks users"
                        + " against the server's security realm")
                : Optional.empty();
        return new LoginSettings(Mode.REALM, null, null, null, null, warning);
    }

    /**
     * {@link #from(Optional, Optional, Optional)} with the optional read-only user of password mode,
     * {@code DASHBOARD_VIEWER_USER} with {@code DASHBOARD_VIEWER_PASSWORD}: both or neither, never
     * empty, never the admin's name, and only beside DASHBOARD_USER.
     */
    public static LoginSettings from(
            Optional<String> auth,
            Optional<String> user,
            Optional<String> password,
            Optional<String> viewerUser,
            Optional<String> viewerPassword) {
        LoginSettings settings = from(auth, user, password);
        if (viewerUser.isEmpty() && viewerPassword.isEmpty()) {
            return settings;
        }
        if (settings.mode() != Mode.PASSWORD) {
            throw new InvalidLoginConfigurationException(
                    "DASHBOARD_VIEWER_USER/DASHBOARD_VIEWER_PASSWORD need DASHBOARD_USER and DASHBOARD_PASSWORD"
                            + (settings.mode() == Mode.REALM
                                    ? " (with DASHBOARD_AUTH=realm, grant the realm group" + " diun-viewer instead)"
                                    : ""));
        }
        if (viewerUser.isEmpty() || viewerPassword.isEmpty()) {
            throw new InvalidLoginConfigurationException(
                    "set both DASHBOARD_VIEWER_USER and DASHBOARD_VIEWER_PASSWORD for a read-only user, or neither");
        }
        if (viewerUser.get().isBlank() || viewerPassword.get().isBlank()) {
            throw new InvalidLoginConfigurationException(
                    "DASHBOARD_VIEWER_USER or DASHBOARD_VIEWER_PASSWORD is empty or blank: set both, or neither");
        }
        if (viewerUser.get().strip().equals(settings.user())) {
            throw new InvalidLoginConfigurationException("DASHBOARD_VIEWER_USER must differ from DASHBOARD_USER");
        }
        return new LoginSettings(
                Mode.PASSWORD,
                settings.user(),
                settings.password(),
                viewerUser.get().strip(),
                viewerPassword.get(),
                settings.warning());
    }

    /**
     * Sign-in through OpenID Connect, which excludes the other two ways of logging in.
     *
     * @throws InvalidLoginConfigurationException when DASHBOARD_AUTH or DASHBOARD_USER/PASSWORD are set too
     */
    public LoginSettings withOidc(OidcSettings oidc) {
        if (mode != Mode.OFF) {
            throw new InvalidLoginConfigurationException("OIDC_ISSUER and "
                    + (mode == Mode.REALM ? "DASHBOARD_AUTH=realm" : "DASHBOARD_USER/DASHBOARD_PASSWORD")
                    + " are both set: choose one way to log in");
        }
        return new LoginSettings(Mode.OIDC, null, null, null, null, Optional.empty());
    }

    public boolean loginRequired() {
        return mode != Mode.OFF;
    }

    /** The startup log line; names the user but never the password. */
    public String describe() {
        return switch (mode) {
            case OFF -> "DiunDashboard login: off (set DASHBOARD_USER and DASHBOARD_PASSWORD, or DASHBOARD_AUTH=realm)";
            case PASSWORD ->
                "DiunDashboard login: user '" + user + "' (admin) from DASHBOARD_USER/DASHBOARD_PASSWORD"
                        + (viewerUser == null ? "" : ", read-only user '" + viewerUser + "' (viewer)");
            case REALM ->
                "DiunDashboard login: the server's security realm (DASHBOARD_AUTH=realm); realm groups diun-admin"
                        + " (or " + Role.LEGACY_NAME
                        + "), diun-operator and diun-viewer give the roles admin, operator and viewer";
            case OIDC -> "DiunDashboard login: OpenID Connect";
        };
    }

    @Override
    public String toString() {
        return describe();
    }

    static String printable(String value) {
        return printable(value, 40);
    }

    /**
     * A value from a client or a setting, fit for one log line: at most {@code max} characters, and
     * control and line-separator characters replaced, so that it cannot forge a line.
     */
    static String printable(String value, int max) {
        if (value == null) {
            return "";
        }
        String shown = value.length() > max ? value.substring(0, max) + "…" : value;
        return shown.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", "?");
    }
}
