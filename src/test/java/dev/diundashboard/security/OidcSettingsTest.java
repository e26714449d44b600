package dev.diundashboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diundashboard.platform.Role;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OidcSettingsTest {

    private static final String ISSUER = "https://sso.example.com/realms/home/";
    private static final String DASHBOARD = "https://diun.example.com";

    private static Optional<OidcSettings> of(
            String issuer, String id, String secret, String dashboard, String admins, String operators) {
        return OidcSettings.from(new OidcSettings.Given(
                Optional.ofNullable(issuer),
                Optional.ofNullable(id),
                Optional.ofNullable(secret),
                Optional.ofNullable(dashboard),
                Optional.empty(),
                Optional.ofNullable(admins),
                Optional.ofNullable(operators),
                Optional.empty()));
    }

    private static OidcSettings configured() {
        return of(ISSUER, "diun", "s3cret", DASHBOARD + "/", null, null).orElseThrow();
    }

    @Test
    void offWithoutAnIssuer() {
        assertThat(of(null, null, null, DASHBOARD, null, null)).isEmpty();
    }

    @Test
    void theIssuerClientAndDashboardGiveTheRedirectAddress() {
        OidcSettings s = configured();
        assertThat(s.issuer()).isEqualTo("https://sso.example.com/realms/home");
        assertThat(s.redirectUri()).isEqualTo("https://diun.example.com/oidc/callback");
        assertThat(s.rolesClaim()).isEqualTo("groups");
        assertThat(s.describe()).contains("diun").doesNotContain("s3cret");
        assertThat(s.toString()).doesNotContain("s3cret");
    }

    @Test
    void aHalfConfigurationIsRefusedNamingTheSetting() {
        assertRefused(() -> of(null, "diun", "s3cret", DASHBOARD, null, null), "OIDC_ISSUER is not");
        assertRefused(() -> of(ISSUER, null, "s3cret", DASHBOARD, null, null), "OIDC_CLIENT_ID");
        assertRefused(() -> of(ISSUER, "diun", null, DASHBOARD, null, null), "OIDC_CLIENT_SECRET");
        assertRefused(() -> of(ISSUER, "diun", " ", DASHBOARD, null, null), "OIDC_CLIENT_SECRET");
        assertRefused(() -> of(ISSUER, "diun", "s3cret", null, null, null), "DASHBOARD_URL is not set");
        assertRefused(() -> of("sso.example.com", "diun", "s3cret", DASHBOARD, null, null), "OIDC_ISSUER must be");
        assertRefused(() -> of(ISSUER, "diun", "s3cret", "ftp://x", null, null), "DASHBOARD_URL must be");
        assertRefused(() -> of(ISSUER, "diun", "s3cret", DASHBOARD, " , ", null), "OIDC_ADMIN_GROUPS is empty");
    }

    @Test
    void theHighestMappedGroupWinsAndUnmappedUsersHaveNoRole() {
        OidcSettings s = of(ISSUER, "diun", "s3cret", DASHBOARD, "ops-admins, platform", null)
                .orElseThrow();
        assertThat(s.roleOf(List.of("staff", "diun-viewer"))).contains(Role.VIEWER);
        assertThat(s.roleOf(List.of("diun-viewer", "diun-operator"))).contains(Role.OPERATOR);
        assertThat(s.roleOf(List.of("/platform", "diun-viewer"))).contains(Role.ADMIN);
        assertThat(s.roleOf(List.of("diun-admin")))
                .as("replaced by OIDC_ADMIN_GROUPS")
                .isEmpty();
        assertThat(s.roleOf(List.of("staff"))).isEmpty();
        assertThat(s.roleOf(List.of())).isEmpty();
    }

    @Test
    void oidcExcludesTheOtherLogins() {
        OidcSettings oidc = configured();
        LoginSettings off = LoginSettings.from(Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(off.withOidc(oidc).mode()).isEqualTo(LoginSettings.Mode.OIDC);
        assertThat(off.withOidc(oidc).mode().label()).isEqualTo("oidc");
        assertRefused(
                () -> LoginSettings.from(Optional.empty(), Optional.of("admin"), Optional.of("pw"))
                        .withOidc(oidc),
                "OIDC_ISSUER and DASHBOARD_USER/DASHBOARD_PASSWORD are both set");
        assertRefused(
                () -> LoginSettings.from(Optional.of("realm"), Optional.empty(), Optional.empty())
                        .withOidc(oidc),
                "OIDC_ISSUER and DASHBOARD_AUTH=realm are both set");
    }

    @Test
    void thePkceChallengeIsAddedToOurAuthorizationRequestOnlyAndMatchesTheVerifier() {
        Pkce pkce = new Pkce();
        String auth = "https://sso.example.com/auth?scope=openid&response_type=code&client_id=diun&state=abc-123";
        String with = pkce.withChallenge(auth, "diun");
        assertThat(Pkce.parameter(with, "code_challenge_method")).contains("S256");
        String verifier = pkce.verifier("abc-123");
        assertThat(verifier).matches("[A-Za-z0-9_-]{43}");
        assertThat(Pkce.parameter(with, "code_challenge")).contains(Pkce.challenge(verifier));
        // RFC 7636, appendix B.
        assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(pkce.verifier("other")).isNotEqualTo(verifier);
        assertThat(new Pkce().verifier("abc-123")).as("another process's key").isNotEqualTo(verifier);
        assertThat(pkce.withChallenge("https://diun.example.com/login?signedOut", "diun"))
                .isEqualTo("https://diun.example.com/login?signedOut");
        assertThat(pkce.withChallenge(auth.replace("client_id=diun", "client_id=other"), "diun"))
                .doesNotContain("code_challenge");
        assertThat(pkce.withChallenge(with, "diun")).isEqualTo(with);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(InvalidLoginConfigurationException.class)
                .hasMessageContaining(message);
    }
}
