package dev.diundashboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The failed-login policy of {@link LoginThrottle} on a clock of the test's own, and its settings. */
class ThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle throttle = new LoginThrottle(60_000, now::get);

    private void fail(int times, String user, String address) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.waitMillis(user, address)).isZero();
            throttle.failed(user, address);
        }
    }

    @Test
    void fiveFailuresAreFreeThenLockoutsDoubleUpToTheCap() {
        fail(4, "operator", "10.0.0.1");
        assertThat(throttle.waitMillis("operator", "10.0.0.1")).isZero();
        assertThat(throttle.failed("operator", "10.0.0.1")).isEqualTo(1000);
        assertThat(throttle.waitMillis("operator", "10.0.0.1")).isEqualTo(1000);
        long expected = 2000;
        for (int i = 0; i < 10; i++) {
            now.addAndGet(throttle.waitMillis("operator", "10.0.0.1"));
            assertThat(throttle.failed("operator", "10.0.0.1")).isEqualTo(Math.min(60_000, expected));
            expected *= 2;
        }
        assertThat(throttle.waitMillis("operator", "10.0.0.1")).isEqualTo(60_000);
    }

    @Test
    void attemptsRefusedWhileLockedAreNotCountedAndWaitingEndsTheLockout() {
        fail(5, "operator", "10.0.0.1");
        long wait = throttle.waitMillis("operator", "10.0.0.1");
        assertThat(wait).isEqualTo(1000);
        now.addAndGet(999);
        assertThat(throttle.waitMillis("operator", "10.0.0.1")).isEqualTo(1);
        now.addAndGet(1);
        assertThat(throttle.waitMillis("operator", "10.0.0.1")).isZero();
        throttle.succeeded("operator", "10.0.0.1");
        fail(4, "operator", "10.0.0.1");
        assertThat(throttle.waitMillis("operator", "10.0.0.1"))
                .as("a success forgets the failures")
                .isZero();
    }

    @Test
    void failuresAreForgottenAQuarterHourAfterTheLast() {
        fail(4, "operator", "10.0.0.1");
        now.addAndGet(LoginThrottle.FORGET_MINUTES * 60_000 + 1);
        fail(4, "operator", "10.0.0.1");
        assertThat(throttle.waitMillis("operator", "10.0.0.1")).isZero();
    }

    @Test
    void anAddressLockoutStopsEveryUserFromThatAddressOnly() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("guess" + i, "10.0.0.66");
        }
        assertThat(throttle.waitMillis("operator", "10.0.0.66")).isPositive();
        assertThat(throttle.waitMillis("operator", "10.0.0.1")).isZero();
    }

    @Test
    void aUserLockoutSparesAddressesThatLoggedInAsThatUserBefore() {
        throttle.succeeded("operator", "10.0.0.1");
        for (int i = 0; i < 5; i++) {
            throttle.failed("Operator", "192.0.2." + i);
        }
        assertThat(throttle.waitMillis("operator", "198.51.100.7"))
                .as("a new address waits (user names ignore case)")
                .isPositive();
        assertThat(throttle.waitMillis("operator", "10.0.0.1"))
                .as("the real user's usual address still gets in")
                .isZero();
        now.addAndGet(LoginThrottle.TRUST_DAYS * 86_400_000L);
        assertThat(throttle.waitMillis("operator", "10.0.0.1")).isZero(); // lockout over by now anyway
    }

    @Test
    void memoryIsBoundedToTheMostRecentKeys() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("first", "addr-first");
        }
        for (int i = 0; i < LoginThrottle.MAX_KEYS; i++) {
            throttle.failed("user" + i, "addr" + i);
        }
        throttle.failed("first", "addr-first");
        assertThat(throttle.waitMillis("first", "addr-first"))
                .as("the oldest keys were evicted, with their failures")
                .isZero();
        String last = String.valueOf(LoginThrottle.MAX_KEYS - 1);
        for (int i = 0; i < 4; i++) {
            throttle.failed("user" + last, "addr" + last);
        }
        assertThat(throttle.waitMillis("user" + last, "addr" + last))
                .as("the newest are kept")
                .isPositive();
    }

    @Test
    void settingsHaveDefaultsAndRefuseValuesThatCannotWork() {
        ThrottleSettings defaults = ThrottleSettings.from(Optional.empty(), Optional.empty());
        assertThat(defaults.maxLockoutSeconds()).isEqualTo(900);
        assertThat(defaults.trustedProxies()).isEmpty();
        ThrottleSettings s = ThrottleSettings.from(Optional.of(" 5 "), Optional.of("127.0.0.1, ::1,[fd00::2]"));
        assertThat(s.maxLockoutSeconds()).isEqualTo(5);
        assertThat(s.trustedProxies()).containsExactlyInAnyOrder("127.0.0.1", "0:0:0:0:0:0:0:1", "fd00:0:0:0:0:0:0:2");
        for (String bad : new String[] {"0", "-1", "", "ten", "86401"}) {
            assertThatThrownBy(() -> ThrottleSettings.from(Optional.of(bad), Optional.empty()))
                    .isInstanceOf(InvalidLoginConfigurationException.class)
                    .hasMessageContaining("LOGIN_LOCKOUT_MAX_SECONDS");
        }
        for (String bad : new String[] {"", "  ", "proxy.example", "10.0.0", "127.0.0.1,"}) {
            assertThatThrownBy(() -> ThrottleSettings.from(Optional.empty(), Optional.of(bad)))
                    .isInstanceOf(InvalidLoginConfigurationException.class)
                    .hasMessageContaining("TRUSTED_PROXIES");
        }
    }

    @Test
    void logLinesShowNoControlCharacters() {
        assertThat(LoginSettings.printable("evil\nWARNING: forged\u2028line\u0000"))
                .isEqualTo("evil?WARNING: forged?line?");
        assertThat(LoginSettings.printable("x".repeat(300), 100)).hasSize(101);
        assertThat(LoginSettings.printable(null, 100)).isEmpty();
    }
}
