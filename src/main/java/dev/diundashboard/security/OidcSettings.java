package dev.diundashboard.security;

import dev.diundashboard.platform.Role;
import dev.diundashboard.platform.SiteAddress;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sign-in through an OpenID Connect provider: {@code OIDC_ISSUER}, {@code OIDC_CLIENT_ID}, {@code
 * OIDC_CLIENT_SECRET}, with the redirect address derived from {@code DASHBOARD_URL}. The claim {@code
 * OIDC_ROLES_CLAIM} (default {@value #DEFAULT_CLAIM}) lists the user's groups; {@code
 * OIDC_ADMIN_GROUPS}, {@code OIDC_OPERATOR_GROUPS} and {@code OIDC_VIEWER_GROUPS} (comma-separated;
 * defaults {@code diun-admin}, {@code diun-operator}, {@code diun-viewer}) say which groups give which
 * role. Group names are compared exactly, except that a leading {@code /} (Keycloak's full group
 * path) is ignored. Never shows the client secret.
 */
public record OidcSettings(
        String issuer,
        String clientId,
        String clientSecret,
        String dashboardUrl,
        String rolesClaim,
        Set<String> adminGroups,
        Set<String> operatorGroups,
        Set<String> viewerGroups) {

    static final String DEFAULT_CLAIM = "groups";

    /** Where the provider sends the browser back, under DASHBOARD_URL. */
    public static final String CALLBACK_PATH = "/oidc/callback";

    /** The settings as given; empty when OIDC_ISSUER is not set. */
    public record Given(
            Optional<String> issuer,
            Optional<String> clientId,
            Optional<String> clientSecret,
            Optional<String> dashboardUrl,
            Optional<String> rolesClaim,
            Optional<String> adminGroups,
            Optional<String> operatorGroups,
            Optional<String> viewerGroups) {

        boolean anyClientSetting() {
            return clientId.isPresent() || clientSecret.isPresent();
        }
    }

    /**
     * Fails closed: a client id or secret without the issuer, an issuer without them or without
     * DASHBOARD_URL, or a value that is not an address is refused with the setting named.
     *
     * @throws InvalidLoginConfigurationException naming the setting
     */
    public static Optional<OidcSettings> from(Given given) {
        if (given.issuer().isEmpty()) {
            if (given.anyClientSetting()) {
                throw new InvalidLoginConfigurationException(
                        "OIDC_CLIENT_ID/OIDC_CLIENT_SECRET are set but OIDC_ISSUER is not: set the provider's"
                                + " issuer address to sign in with OpenID Connect, or unset them");
            }
            return Optional.empty();
        }
        String issuer = address(
                "OIDC_ISSUER",
                given.issuer().get(),
                "the provider's issuer, such as" + " https://sso.example.com/realms/home");
        String clientId = required("OIDC_CLIENT_ID", given.clientId());
        String secret = given.clientSecret()
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new InvalidLoginConfigurationException(
                        "OIDC_CLIENT_SECRET is not set or empty: the dashboard signs in as a confidential"
                                + " client"));
        String dashboard = address(
                "DASHBOARD_URL",
                given.dashboardUrl()
                        .orElseThrow(() -> new InvalidLoginConfigurationException(
                                "DASHBOARD_URL is not set: with OIDC_ISSUER the provider sends the browser back"
                                        + " to DASHBOARD_URL" + CALLBACK_PATH)),
                "the dashboard's own address, such as https://diun.example.com");
        String claim = given.rolesClaim().map(String::strip).orElse(DEFAULT_CLAIM);
        if (claim.isEmpty()) {
            throw new InvalidLoginConfigurationException("OIDC_ROLES_CLAIM is empty: name the claim, or unset it");
        }
        Set<String> admin = groups("OIDC_ADMIN_GROUPS", given.adminGroups(), Role.ADMIN);
        Set<String> operator = groups("OIDC_OPERATOR_GROUPS", given.operatorGroups(), Role.OPERATOR);
        Set<String> viewer = groups("OIDC_VIEWER_GROUPS", given.viewerGroups(), Role.VIEWER);
        return Optional.of(new OidcSettings(issuer, clientId, secret, dashboard, claim, admin, operator, viewer));
    }

    /** The highest role the user's groups give, or empty when none of them is mapped. */
    public Optional<Role> roleOf(Collection<String> groups) {
        Set<String> names = groups.stream().map(OidcSettings::groupName).collect(Collectors.toSet());
        if (names.stream().anyMatch(adminGroups::contains)) {
            return Optional.of(Role.ADMIN);
        }
        if (names.stream().anyMatch(operatorGroups::contains)) {
            return Optional.of(Role.OPERATOR);
        }
        return names.stream().anyMatch(viewerGroups::contains) ? Optional.of(Role.VIEWER) : Optional.empty();
    }

    public String redirectUri() {
        return dashboardUrl + CALLBACK_PATH;
    }

    /** The startup log line: the issuer, client and mapping, never the secret. */
    public String describe() {
        return "DiunDashboard login: OpenID Connect with " + issuer + " as client '" + clientId + "'; claim '"
                + rolesClaim + "' groups " + adminGroups + " give admin, " + operatorGroups + " operator, "
                + viewerGroups + " viewer; the provider sends the browser back to " + redirectUri();
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String groupName(String group) {
        String g = group.strip();
        return g.startsWith("/") ? g.substring(1) : g;
    }

    private static Set<String> groups(String setting, Optional<String> value, Role role) {
        if (value.isEmpty()) {
            return Set.of(role.group());
        }
        Set<String> groups = Arrays.stream(value.get().split(","))
                .map(OidcSettings::groupName)
                .filter(g -> !g.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (groups.isEmpty()) {
            throw new InvalidLoginConfigurationException(
                    setting + " is empty: list the groups (comma-separated) that give the role " + role.roleName()
                            + ", or unset it for " + role.group());
        }
        return Set.copyOf(groups);
    }

    private static String required(String setting, Optional<String> value) {
        return value.map(String::strip)
                .filter(v -> !v.isEmpty())
                .orElseThrow(() -> new InvalidLoginConfigurationException(
                        setting + " is not set or empty: OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET"));
    }

    /** An http(s) address without user, query or fragment, without a trailing slash. */
    private static String address(String setting, String value, String example) {
        return SiteAddress.parse(value)
                .orElseThrow(() -> new InvalidLoginConfigurationException(setting
                        + " must be an http:// or https:// address: " + example + ", not '"
                        + LoginSettings.printable(value.strip()) + "'"));
    }
}
