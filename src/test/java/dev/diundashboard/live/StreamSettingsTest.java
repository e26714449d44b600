package dev.diundashboard.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamSettingsTest {

    @Test
    void unsetOrBlankIsTheDefault() {
        assertThat(StreamSettings.from(Optional.empty()).max()).isEqualTo(100);
        assertThat(StreamSettings.from(Optional.of("  ")).max()).isEqualTo(100);
    }

    @Test
    void aWholeNumberInRangeIsTaken() {
        assertThat(StreamSettings.from(Optional.of(" 7 ")).max()).isEqualTo(7);
        assertThat(StreamSettings.from(Optional.of("10000")).max()).isEqualTo(10_000);
    }

    @Test
    void anythingElseIsRefusedWithOneLineNamingTheSetting() {
        for (String bad : new String[] {"0", "-1", "10001", "abc", "1.5", "99999999999", "1e3", "ten\n"}) {
            assertThatThrownBy(() -> StreamSettings.from(Optional.of(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("STREAM_MAX must be a whole number from 1 to 10000")
                    .hasMessageNotContaining("\n");
        }
    }
}
