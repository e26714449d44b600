package dev.diundashboard.updates;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.JsonRecord;
import java.time.Duration;
import java.time.Instant;

/**
 * The body that snoozes an update: {@code {"until": "<ISO-8601>"}} or {@code {"days": N}}, one of the
 * two. The time must lie ahead, at most {@value #MAX_DAYS} days.
 */
@JsonRecord(expected = Snooze.EXPECTED)
public record Snooze(
        @JsonRecord.Invalid("'until' must be an RFC 3339 timestamp with an offset")
        Instant until,

        @JsonRecord.Invalid(Snooze.DAYS) Long days) {

    static final long MAX_DAYS = 3650;
    static final String EXPECTED = "expected {\"until\": \"<ISO-8601>\"} or {\"days\": N}";
    static final String DAYS = "'days' must be a whole number from 1 to " + MAX_DAYS;

    public Snooze {
        if ((until == null) == (days == null)) {
            throw ApiException.badRequest(EXPECTED);
        }
        if (days != null && (days < 1 || days > MAX_DAYS)) {
            throw ApiException.badRequest(DAYS);
        }
    }

    /** When the snooze ends, seen from {@code now}. */
    Instant end(Instant now) {
        if (days != null) {
            return now.plus(Duration.ofDays(days));
        }
        if (!until.isAfter(now)) {
            throw ApiException.badRequest("'until' must lie in the future");
        }
        if (until.isAfter(now.plus(Duration.ofDays(MAX_DAYS)))) {
            throw ApiException.badRequest("'until' must lie at most " + MAX_DAYS + " days ahead");
        }
        return until;
    }
}
