package dev.diundashboard.security;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether and how the page and /api require login, from {@code DASHBOARD_AUTH}, {@code DASHBOARD_USER}
 * and {@code DASHBOARD_PASSWORD}. {@code DASHBOARD_AUTH=realm} is the explicit choice and wins over the
 * two variables (which are then ignored, with a warning); without it, both variables turn the
 * password login on. Fails closed: a half or empty configuration is refused, never read as "off".
 * Never holds or shows the password beyond {@link #password()}.
 */
public record LoginSettings(Mode mode, String user, String password, Optional<String> warning) {

    /** The role every logged-in user has, and the group the server's realm must grant. */
    public static final String ROLE = "dashboard";

    public enum Mode {
        /** Everything is open. */
        OFF,
        /** One user, DASHBOARD_USER with DASHBOARD_PASSWORD. */
        PASSWORD,
        /** The app server's security realm checks the password; users need the role {@value #ROLE}. */
        REALM
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
                return new LoginSettings(Mode.OFF, null, null, Optional.empty());
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
            return new LoginSettings(Mode.PASSWORD, user.get().strip(), password.get(), Optional.empty());
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
        return new LoginSettings(Mode.REALM, null, null, warning);
    }

    public boolean loginRequired() {
        return mode != Mode.OFF;
    }

    /** The startup log line; names the user but never the password. */
    public String describe() {
        return switch (mode) {
            case OFF -> "DiunDashboard login: off (set DASHBOARD_USER and DASHBOARD_PASSWORD, or DASHBOARD_AUTH=realm)";
            case PASSWORD -> "DiunDashboard login: user '" + user + "' from DASHBOARD_USER/DASHBOARD_PASSWORD";
            case REALM ->
                "DiunDashboard login: the server's security realm (DASHBOARD_AUTH=realm); users need the" + " role '"
                        + ROLE + "' (realm group '" + ROLE + "')";
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
