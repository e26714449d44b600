package dev.diundashboard.security;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether and how the page and /api require login, from {@code DASHBOARD_AUTH}, {@code DASHBOARD_USER}
 * and {@code DASHBOARD_PASSWORD}. {@code DASHBOARD_AUTH=realm} is the explicit choice and wins over the
 * two variables (which are then ignored, with a warning); without it, both variables turn the
 * password login on. Never holds or shows the password beyond {@link #password()}.
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

    /** @throws InvalidLoginConfigurationException when DASHBOARD_AUTH has a value other than {@code realm} */
    public static LoginSettings from(Optional<String> auth, Optional<String> user, Optional<String> password) {
        Optional<String> u = user.filter(s -> !s.isBlank());
        Optional<String> p = password.filter(s -> !s.isEmpty());
        String choice = auth.map(String::strip).orElse("");
        if (choice.isEmpty()) {
            return u.isPresent() && p.isPresent()
                    ? new LoginSettings(Mode.PASSWORD, u.get(), p.get(), Optional.empty())
                    : new LoginSettings(Mode.OFF, null, null, Optional.empty());
        }
        if (!choice.toLowerCase(Locale.ROOT).equals("realm")) {
            throw new InvalidLoginConfigurationException(
                    "DASHBOARD_AUTH must be 'realm' or unset, not '" + printable(choice) + "'");
        }
        Optional<String> warning = u.isPresent() || p.isPresent()
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

    private static String printable(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
