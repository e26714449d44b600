package dev.diundashboard.storage.sqlite;

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

    @Test
    void theFastReadingAgreesWithInstantParseAndOtherFormsStillParse() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochSecond(
                    random.nextLong(-62_000_000_000L, 253_000_000_000L), random.nextInt(1_000_000) * 1_000L);
            String text = SqliteTimestamps.format(t);
            assertThat(SqliteTimestamps.parse(text))
                    .as(text)
                    .isEqualTo(Instant.parse(text))
                    .isEqualTo(t);
        }
        assertThat(SqliteTimestamps.parse("2024-05-01T08:20:30Z")).isEqualTo(Instant.parse("2024-05-01T08:20:30Z"));
        assertThat(SqliteTimestamps.parse("2024-05-01T08:20:30.5Z")).isEqualTo(Instant.parse("2024-05-01T08:20:30.5Z"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqliteTimestamps.parse("2024-02-30T08:20:30.000000Z"))
                .isInstanceOf(java.time.format.DateTimeParseException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqliteTimestamps.parse("2024-05-01T08:20:3x.000000Z"))
                .isInstanceOf(java.time.format.DateTimeParseException.class);
    }
}
