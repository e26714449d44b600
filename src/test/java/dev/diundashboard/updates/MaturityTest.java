package dev.diundashboard.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MaturityTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @AfterEach
    void off() {
        Maturity.set(Optional.empty());
    }

    @Test
    void offByDefaultAndThenSettlingUntilTheImageIsOldEnough() {
        assertThat(Maturity.of(NOW.minusSeconds(60), NOW)).isNull();
        Maturity.set(Optional.of(3));
        assertThat(Maturity.of(NOW.minusSeconds(3 * 86_400 - 1), NOW)).isEqualTo("settling");
        assertThat(Maturity.of(NOW.minusSeconds(3 * 86_400), NOW)).isEqualTo("mature");
        assertThat(Maturity.of(null, NOW)).as("no build time").isNull();
        assertThat(Maturity.settlingSince(NOW)).contains(NOW.minusSeconds(3 * 86_400));
    }

    @Test
    void theSettingIsAWholeNumberOfDaysOrNothing() {
        assertThat(Maturity.parse(Optional.empty())).isEmpty();
        assertThat(Maturity.parse(Optional.of(" "))).isEmpty();
        assertThat(Maturity.parse(Optional.of(" 7 "))).contains(7);
        for (String bad : new String[] {"0", "-1", "3651", "7d", "1.5", "seven\u0007"}) {
            assertThatThrownBy(() -> Maturity.parse(Optional.of(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("MATURITY_DAYS must be a whole number of days from 1 to 3650")
                    .hasMessageNotContaining("\u0007");
        }
    }
}
