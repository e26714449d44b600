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
    void passwordLoginNeedsBothVariablesAsToday() {
        assertThat(of(null, "operator", null).mode()).isEqualTo(Mode.OFF);
        assertThat(of(null, null, "secret").mode()).isEqualTo(Mode.OFF);
        assertThat(of(null, "  ", "secret").mode()).isEqualTo(Mode.OFF);
        assertThat(of(null, "operator", "").mode()).isEqualTo(Mode.OFF);
        LoginSettings s = of("", "operator", "secret");
        assertThat(s.mode()).isEqualTo(Mode.PASSWORD);
        assertThat(s.user()).isEqualTo("operator");
        assertThat(s.password()).isEqualTo("secret");
        assertThat(s.loginRequired()).isTrue();
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
                .isEqualTo("DiunDashboard login: user 'operator' from DASHBOARD_USER/DASHBOARD_PASSWORD")
                .doesNotContain("secret");
        assertThat(of(null, "operator", "secret").toString()).doesNotContain("secret");
        assertThat(of("realm", null, null).describe())
                .contains("the server's security realm")
                .contains("role 'dashboard'");
    }
}
