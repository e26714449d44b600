package dev.diundashboard.notify;

import dev.diundashboard.platform.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Set;

/**
 * When a digest channel sends: every day at a time, or every week on a day at a time, in a time zone
 * ({@code {"every": "day|week", "at": "08:00", "day": "monday", "zone": "Europe/Berlin"}}). A time
 * that a daylight-saving change skips moves forward by the gap, as {@link ZonedDateTime} does.
 */
public record Schedule(boolean weekly, LocalTime at, DayOfWeek day, ZoneId zone) {

    /** The first time after {@code after} that this schedule names. */
    public Instant next(Instant after) {
        ZonedDateTime now = after.atZone(zone);
        ZonedDateTime candidate = now.toLocalDate().atTime(at).atZone(zone);
        if (weekly) {
            candidate = candidate.with(TemporalAdjusters.nextOrSame(day));
        }
        while (!candidate.toInstant().isAfter(after)) {
            candidate = weekly ? candidate.plusWeeks(1) : candidate.plusDays(1);
            candidate = candidate.toLocalDate().atTime(at).atZone(zone);
        }
        return candidate.toInstant();
    }

    static Schedule parse(JsonValue value) {
        if (!(value instanceof JsonObject s)) {
            throw ApiException.badRequest(
                    "a digest channel needs 'schedule': {\"every\": \"day|week\", \"at\": \"08:00\", \"day\": \"monday\","
                            + " \"zone\": \"Europe/Berlin\"}");
        }
        for (String key : s.keySet()) {
            if (!Set.of("every", "at", "day", "zone").contains(key)) {
                throw ApiException.badRequest("'schedule." + key + "' is unknown; expected every, at, day or zone");
            }
        }
        String every = text(s, "every", "day");
        if (!every.equals("day") && !every.equals("week")) {
            throw ApiException.badRequest("'schedule.every' must be day or week");
        }
        LocalTime at;
        try {
            at = LocalTime.parse(text(s, "at", "08:00"));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'schedule.at' must be a time of day such as 08:00");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(text(s, "zone", "UTC"));
        } catch (DateTimeException e) {
            throw ApiException.badRequest("'schedule.zone' must be a time zone such as Europe/Berlin or UTC");
        }
        DayOfWeek day = null;
        if (every.equals("week")) {
            try {
                day = DayOfWeek.valueOf(text(s, "day", "monday").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("'schedule.day' must be a day of the week such as monday");
            }
        } else if (s.containsKey("day") && s.get("day").getValueType() != JsonValue.ValueType.NULL) {
            throw ApiException.badRequest("'schedule.day' is only for \"every\": \"week\"");
        }
        return new Schedule(every.equals("week"), at, day, zone);
    }

    private static String text(JsonObject s, String name, String fallback) {
        JsonValue v = s.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return fallback;
        }
        if (!(v instanceof JsonString text) || text.getString().isBlank()) {
            throw ApiException.badRequest("'schedule." + name + "' must be text");
        }
        return text.getString().strip();
    }

    public JsonObject json() {
        JsonObjectBuilder b =
                Json.createObjectBuilder().add("every", weekly ? "week" : "day").add("at", at.toString());
        if (weekly) {
            b.add("day", day.name().toLowerCase(Locale.ROOT));
        }
        return b.add("zone", zone.getId()).build();
    }
}
