package dev.diundashboard.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diundashboard.platform.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Digest times in the channel's zone, across midnight, weeks and daylight-saving changes. */
class ScheduleTest {

    private static Schedule schedule(String json) {
        JsonObject o = Json.createReader(new StringReader(json)).readObject();
        return Schedule.parse(o);
    }

    @Test
    void dailyAtEightInBerlinIsTheNextEightThere() {
        Schedule daily = schedule("{\"every\": \"day\", \"at\": \"08:00\", \"zone\": \"Europe/Berlin\"}");

        assertThat(daily.next(Instant.parse("2026-12-05T06:59:59Z"))).isEqualTo("2026-12-05T07:00:00Z");
        assertThat(daily.next(Instant.parse("2026-12-05T07:00:00Z")))
                .as("strictly after")
                .isEqualTo("2026-12-06T07:00:00Z");
        assertThat(daily.next(Instant.parse("2026-07-01T07:00:00Z")))
                .as("summer time: 08:00 is 06:00 UTC")
                .isEqualTo("2026-07-02T06:00:00Z");
    }

    @Test
    void aTimeTheClockSkipsMovesForwardAndTheNextDayIsItselfAgain() {
        Schedule daily = schedule("{\"every\": \"day\", \"at\": \"02:30\", \"zone\": \"Europe/Berlin\"}");

        // 2026-03-29: clocks go from 02:00 to 03:00 in Berlin
        assertThat(daily.next(Instant.parse("2026-03-28T02:00:00Z"))).isEqualTo("2026-03-29T01:30:00Z");
        assertThat(daily.next(Instant.parse("2026-03-29T01:30:00Z"))).isEqualTo("2026-03-30T00:30:00Z");
    }

    @Test
    void weeklyOnMondayIsTheComingMonday() {
        Schedule weekly = schedule("{\"every\": \"week\", \"day\": \"monday\", \"at\": \"09:15\", \"zone\": \"UTC\"}");

        assertThat(weekly.next(Instant.parse("2026-12-05T12:00:00Z"))).isEqualTo("2026-12-07T09:15:00Z");
        assertThat(weekly.next(Instant.parse("2026-12-07T09:15:00Z"))).isEqualTo("2026-12-14T09:15:00Z");
        assertThat(weekly.json().toString())
                .isEqualTo("{\"every\":\"week\",\"at\":\"09:15\",\"day\":\"monday\",\"zone\":\"UTC\"}");
    }

    @Test
    void whatIsNotAScheduleIsRefusedWithWhatIsExpected() {
        for (String bad : new String[] {
            "{\"every\": \"month\"}",
            "{\"at\": \"25:00\"}",
            "{\"zone\": \"Mars/Olympus\"}",
            "{\"every\": \"week\", \"day\": \"someday\"}",
            "{\"every\": \"day\", \"day\": \"monday\"}",
            "{\"cron\": \"* * * * *\"}"
        }) {
            assertThatThrownBy(() -> schedule(bad)).as(bad).isInstanceOf(ApiException.class);
        }
        assertThatThrownBy(() -> Schedule.parse(null))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("schedule");
    }
}
