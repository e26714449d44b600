package dev.diundashboard.storage.sqlite;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The one text form of a timestamp in SQLite: UTC, microseconds, fixed width, sortable as text. */
public final class SqliteTimestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private SqliteTimestamps() {}

    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * Reads the stored form. Text in exactly the form {@link #format} writes is read digit by digit
     * (a page of the list reads four timestamps per row); anything else an older or foreign writer may
     * have left goes through {@link Instant#parse}.
     */
    public static Instant parse(String text) {
        if (isFixedWidth(text)) {
            try {
                return LocalDateTime.of(
                                digits(text, 0, 4),
                                digits(text, 5, 7),
                                digits(text, 8, 10),
                                digits(text, 11, 13),
                                digits(text, 14, 16),
                                digits(text, 17, 19),
                                digits(text, 20, 26) * 1_000)
                        .toInstant(ZoneOffset.UTC);
            } catch (DateTimeException notAValidDate) {
                // e.g. 2024-02-30: let the standard parser name the problem
            }
        }
        return Instant.parse(text);
    }

    private static boolean isFixedWidth(String t) {
        if (t.length() != 27
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || t.charAt(10) != 'T'
                || t.charAt(13) != ':'
                || t.charAt(16) != ':'
                || t.charAt(19) != '.'
                || t.charAt(26) != 'Z') {
            return false;
        }
        for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22, 23, 24, 25}) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int digits(String t, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (t.charAt(i) - '0');
        }
        return value;
    }
}
