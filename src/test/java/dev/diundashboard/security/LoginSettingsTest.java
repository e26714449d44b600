package dev.diundashboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diundashboard.security.LoginSettings.Mode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginSettingsTest {

    private static LoginSettings of(String auth, String user, String password) {
        return LoginSettings.from(Optional.ofNullable(auth), Optional.ofNullable(user), Optional.ofNullable(password));
    }

    @Test
    void openWithoutAnyVariable() {
        LoginSettings s = of(null, null, null);
        assertThat(s.mode()).isEqualTo(Mode.OFF);
        assertThat(s.loginRequired()).isFalse();
        assertThat(s.warning()).isEmpty();
    }

    @Test
    void passwordLoginNeedsBothVariables() {
        LoginSettings s = of(null, "operator", "secret");
        assertThat(s.mode()).isEqualTo(Mode.PASSWORD);
        assertThat(s.user()).isEqualTo("operator");
        assertThat(s.password()).isEqualTo("secret");
        assertThat(s.loginRequired()).isTrue();
    }

    @Test
    void aHalfOrEmptyLoginConfigurationIsRefusedNamingTheSetting() {
        assertRefused(() -> of(null, "operator", null), "DASHBOARD_PASSWORD is not set");
        assertRefused(() -> of(null, null, "secret"), "DASHBOARD_USER is not set");
        assertRefused(() -> of(null, "", "secret"), "DASHBOARD_USER is empty");
        assertRefused(() -> of(null, "  ", "secret"), "DASHBOARD_USER is empty");
        assertRefused(() -> of(null, "operator", ""), "DASHBOARD_PASSWORD is empty or blank");
        assertRefused(() -> of(null, "operator", " \t"), "DASHBOARD_PASSWORD is empty or blank");
        assertRefused(() -> of(null, "", ""), "DASHBOARD_USER is empty");
        assertRefused(() -> of("", "operator", "secret"), "DASHBOARD_AUTH is set but empty");
        assertRefused(() -> of("  ", null, null), "DASHBOARD_AUTH is set but empty");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable read, String message) {
        assertThatThrownBy(read)
                .isInstanceOf(InvalidLoginConfigurationException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("secret");
    }

    @Test
    void realmIsChosenExplicitlyWhateverTheCase() {
        for (String value : new String[] {"realm", "REALM", " Realm "}) {
            LoginSettings s = of(value, null, null);
            assertThat(s.mode()).isEqualTo(Mode.REALM);
            assertThat(s.loginRequired()).isTrue();
            assertThat(s.warning()).isEmpty();
        }
    }

    @Test
    void realmWinsOverTheVariablesWithAWarning() {
        LoginSettings s = of("realm", "operator", "secret");
        assertThat(s.mode()).isEqualTo(Mode.REALM);
        assertThat(s.user()).isNull();
        assertThat(s.password()).isNull();
        assertThat(s.warning())
                .hasValueSatisfying(w -> assertThat(w)
                        .contains("DASHBOARD_USER/DASHBOARD_PASSWORD are ignored")
                        .doesNotContain("secret"));
        assertThat(of("realm", "operator", null).warning()).isPresent();
    }

    @Test
    void anyOtherValueIsRefusedWithTheValueNamed() {
        assertThatThrownBy(() -> of("ldap", "operator", "secret"))
                .isInstanceOf(InvalidLoginConfigurationException.class)
                .hasMessageContaining("DASHBOARD_AUTH must be 'realm' or unset, not 'ldap'")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> of("realm\n" + "x".repeat(100), null, null))
                .hasMessageContaining("not 'realm?xxx")
                .hasMessageNotContaining("\n");
    }

    @Test
    void theLogLineNamesTheModeAndNeverThePassword() {
        assertThat(of(null, null, null).describe()).startsWith("DiunDashboard login: off");
        assertThat(of(null, "operator", "secret").describe())
                .isEqualTo("DiunDashboard login: user 'operator' (admin) from DASHBOARD_USER/DASHBOARD_PASSWORD")
                .doesNotContain("secret");
        assertThat(of(null, "operator", "secret").toString()).doesNotContain("secret");
        assertThat(withViewer("reader", "secret2").describe())
                .endsWith(", read-only user 'reader' (viewer)")
                .doesNotContain("secret2");
        assertThat(of("realm", null, null).describe())
                .contains("the server's security realm")
                .contains("diun-admin (or dashboard), diun-operator and diun-viewer");
    }

    private static LoginSettings withViewer(String user, String password) {
        return LoginSettings.from(
                Optional.empty(),
                Optional.of("operator"),
                Optional.of("secret"),
                Optional.ofNullable(user),
                Optional.ofNullable(password));
    }

    @Test
    void aReadOnlyUserNeedsBothVariablesTheAdminAndAName() {
        LoginSettings s = withViewer(" reader ", "pw");
        assertThat(s.viewerUser()).isEqualTo("reader");
        assertThat(s.viewerPassword()).isEqualTo("pw");
        assertThat(withViewer(null, null).viewerUser()).isNull();
        assertThatThrownBy(() -> withViewer("reader", null)).hasMessageContaining("set both DASHBOARD_VIEWER_USER");
        assertThatThrownBy(() -> withViewer(" ", "pw")).hasMessageContaining("empty or blank");
        assertThatThrownBy(() -> withViewer("operator", "pw")).hasMessageContaining("must differ");
        assertThatThrownBy(() -> LoginSettings.from(
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("r"), Optional.of("pw")))
                .hasMessageContaining("need DASHBOARD_USER and DASHBOARD_PASSWORD")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> LoginSettings.from(
                        Optional.of("realm"), Optional.empty(), Optional.empty(), Optional.of("r"), Optional.of("pw")))
                .hasMessageContaining("diun-viewer");
    }
}
