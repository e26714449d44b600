package dev.diundashboard.platform;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who may do what, in every login mode. Each role includes the ones below it: a viewer reads
 * everything and changes nothing; an operator also acknowledges, re-opens, snoozes, tags and deletes
 * updates; an admin also manages tags, tokens, channels, ignore rules, link templates and host
 * names. Resource methods say the least role they need with {@code @RolesAllowed} ({@link
 * dev.diundashboard.security.RoleGuard} enforces it); with login off every caller is an admin.
 */
public enum Role {
    VIEWER,
    OPERATOR,
    ADMIN;

    /** What {@code @RolesAllowed} names: {@code viewer}, {@code operator}, {@code admin}. */
    public static final String VIEWER_NAME = "viewer";

    public static final String OPERATOR_NAME = "operator";
    public static final String ADMIN_NAME = "admin";

    /**
     * The role the server's realm grants under the name the dashboard had before roles: it keeps
     * meaning admin, so that nothing changes on upgrade.
     */
    public static final String LEGACY_NAME = "dashboard";

    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The group that gives this role ({@code diun-viewer}, …): the realm's group in realm mode, and
     * the group every other login (password, tokens) reports to the container, through the same
     * mapping (glassfish-web.xml).
     */
    public String group() {
        return "diun-" + roleName();
    }

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** The highest role a caller has, asking the container by role name; the old role counts as admin. */
    public static Optional<Role> highest(Predicate<String> isInRole) {
        for (Role r : new Role[] {ADMIN, OPERATOR, VIEWER}) {
            if (isInRole.test(r.roleName())) {
                return Optional.of(r);
            }
        }
        return isInRole.test(LEGACY_NAME) ? Optional.of(ADMIN) : Optional.empty();
    }

    public static Optional<Role> named(String name) {
        for (Role r : values()) {
            if (r.roleName().equals(name)) {
                return Optional.of(r);
            }
        }
        return LEGACY_NAME.equals(name) ? Optional.of(ADMIN) : Optional.empty();
    }
}
