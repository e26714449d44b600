package dev.diundashboard.migrate;

import dev.diundashboard.storage.sqlite.SqliteTimestamps;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Checks and normal forms of the values in transit: text is strict UTF-8, timestamps are canonical
 * UTC text with microseconds (the SQLite storage form, which PostgreSQL reads as timestamptz). The form
 * itself is written by {@link SqliteTimestamps}, the same code the application stores with.
 */
final class Values {

    static final int TIMESTAMP_LENGTH = 27;
    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("+10000-01-01T00:00:00Z");

    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private CharBuffer scratch = CharBuffer.allocate(1024);

    /** Null when the bytes are valid UTF-8 (no unpaired surrogates, no overlong forms), else why not. */
    String utf8Problem(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && bytes[i] >= 0) {
            i++;
        }
        if (i == bytes.length) {
            return null;
        }
        if (scratch.capacity() < bytes.length) {
            scratch = CharBuffer.allocate(bytes.length);
        }
        scratch.clear();
        decoder.reset();
        try {
            var result = decoder.decode(ByteBuffer.wrap(bytes), scratch, true);
            if (result.isError()) {
                result.throwException();
            }
            return null;
        } catch (CharacterCodingException e) {
            return "invalid UTF-8 (" + e.getClass().getSimpleName() + ")";
        }
    }

    static boolean containsNul(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    /** True for exactly {@code YYYY-MM-DDTHH:MM:SS.ffffffZ} with digits where digits belong. */
    static boolean isCanonicalTimestamp(byte[] t) {
        if (t.length != TIMESTAMP_LENGTH
                || t[4] != '-'
                || t[7] != '-'
                || t[10] != 'T'
                || t[13] != ':'
                || t[16] != ':'
                || t[19] != '.'
                || t[26] != 'Z') {
            return false;
        }
        for (int i = 0; i < 26; i++) {
            if (i == 4 || i == 7 || i == 10 || i == 13 || i == 16 || i == 19) {
                continue;
            }
            if (t[i] < '0' || t[i] > '9') {
                return false;
            }
        }
        int year = number(t, 0, 4);
        int month = number(t, 5, 2);
        int day = number(t, 8, 2);
        return year >= 1
                && month >= 1
                && month <= 12
                && day >= 1
                && day <= daysIn(year, month)
                && number(t, 11, 2) <= 23
                && number(t, 14, 2) <= 59
                && number(t, 17, 2) <= 59;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static int number(byte[] t, int from, int length) {
        int n = 0;
        for (int i = from; i < from + length; i++) {
            n = n * 10 + (t[i] - '0');
        }
        return n;
    }

    /**
     * The canonical form of an ISO-8601 timestamp with an offset (for example {@code
     * 2024-05-01T12:00:00.5+02:00}), or an explanation of why it has none: no offset, finer than a
     * microsecond, or outside the years 0001 to 9999.
     */
    static byte[] canonicalTimestamp(String text) throws InvalidTimestampException {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeException e) {
            throw new InvalidTimestampException("'" + abbreviate(text) + "' is not a timestamp with an offset");
        }
        if (instant.getNano() % 1000 != 0) {
            throw new InvalidTimestampException(
                    "'" + abbreviate(text) + "' is finer than a microsecond; it would be rounded");
        }
        if (instant.isBefore(MIN) || !instant.isBefore(MAX)) {
            throw new InvalidTimestampException("'" + abbreviate(text) + "' is outside the years 0001 to 9999");
        }
        return canonicalTimestamp(instant);
    }

    static byte[] canonicalTimestamp(Instant instant) {
        return SqliteTimestamps.format(instant).getBytes(StandardCharsets.US_ASCII);
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    static final class InvalidTimestampException extends Exception {
        InvalidTimestampException(String message) {
            super(message);
        }
    }
}
