package dev.diundashboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SqliteTimestampsTest {

    @Test
    void formatIsFixedWidthUtcMicrosecondsAndRoundTrips() {
        Instant t = Instant.parse("2024-05-01T08:20:30.123456789Z");

        String text = SqliteTimestamps.format(t);

        assertThat(text).isEqualTo("2024-05-01T08:20:30.123456Z");
        assertThat(SqliteTimestamps.parse(text)).isEqualTo(Instant.parse("2024-05-01T08:20:30.123456Z"));
        assertThat(SqliteTimestamps.format(Instant.parse("2024-05-01T08:20:30Z")))
                .isEqualTo("2024-05-01T08:20:30.000000Z");
    }

    @Test
    void textOrderIsTimeOrder() {
        String earlier = SqliteTimestamps.format(Instant.parse("2024-05-01T08:20:30.9Z"));
        String later = SqliteTimestamps.format(Instant.parse("2024-05-01T08:20:31Z"));

        assertThat(earlier).isLessThan(later);
    }
}
