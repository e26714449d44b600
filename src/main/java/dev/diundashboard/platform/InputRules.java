package dev.diundashboard.platform;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The rules every value from a client passes before any SQL, whichever entry point it comes through
 * (webhook, query parameters, bulk filters, tag and token bodies). They exist so that SQLite and
 * PostgreSQL accept and refuse exactly the same inputs and store what they accept identically:
 * PostgreSQL cannot store NUL, refuses unpaired surrogates, and cannot index a btree row over about
 * 2.7 kB, while SQLite takes all of these. Limits on stored fields are in UTF-8 bytes, which is what
 * the index limit counts; a filter gets the limit of the field it compares to, so no filter can reach
 * the database with a value no stored row could have. Everything refused here is a 400.
 */
public final class InputRules {

    /** {@code image}: with {@link #HOSTNAME_BYTES}, one row of the (hostname, image) index stays under 1.3 kB. */
    public static final int IMAGE_BYTES = 1024;

    /** {@code hostname}: the longest DNS name is 253. */
    public static final int HOSTNAME_BYTES = 255;

    /** {@code status}, indexed on its own; Diun sends {@code new} or {@code update}. */
    public static final int STATUS_BYTES = 64;

    /** Every other text field of a notification (provider, hub_link, digest, ...). */
    public static final int FIELD_BYTES = 2048;

    /** {@code metadata}, serialized as stored. */
    public static final int METADATA_BYTES = 64 * 1024;

    /** Tag and token names, in characters (UTF-16 units), after stripping outer white space. */
    public static final int NAME_CHARACTERS = 100;

    /** Any query parameter, before the rule of the field it names. */
    public static final int PARAMETER_BYTES = 2048;

    /** The first and last instants both backends store alike: years 0001 to 9999, in UTC. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private InputRules() {}

    /**
     * A single-line identifier (image, hostname, status, a filter on one of them, a name): storable
     * text with no control character (C0, DEL, C1) and at most {@code maxBytes} of UTF-8.
     */
    public static String line(String field, String value, int maxBytes) {
        storable("'" + field + "'", value);
        for (int i = 0; i < value.length(); i++) {
            if (isControl(value.charAt(i))) {
                throw ApiException.badRequest("'" + field + "' must not contain control characters");
            }
        }
        return withinBytes(field, value, maxBytes);
    }

    /** Free text (may span lines): storable and at most {@code maxBytes} of UTF-8. */
    public static String text(String field, String value, int maxBytes) {
        storable("'" + field + "'", value);
        return withinBytes(field, value, maxBytes);
    }

    /** Refuses NUL and unpaired surrogates, which PostgreSQL cannot store (text or jsonb). */
    public static void storable(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw ApiException.badRequest(what + " contains a NUL character, which cannot be stored");
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiException.badRequest(what + " contains an unpaired surrogate, which is not valid text");
            }
        }
    }

    /** A tag or token name: stripped, 1 to {@link #NAME_CHARACTERS} characters, one line. */
    public static String name(String field, String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            throw ApiException.badRequest("the " + field + " must not be empty");
        }
        if (name.length() > NAME_CHARACTERS) {
            throw ApiException.badRequest("the " + field + " must be at most " + NAME_CHARACTERS + " characters");
        }
        storable("the " + field, name);
        for (int i = 0; i < name.length(); i++) {
            if (isControl(name.charAt(i))) {
                throw ApiException.badRequest("the " + field + " must not contain control characters");
            }
        }
        return name;
    }

    /**
     * An RFC 3339 timestamp with an offset, as an instant in years 0001 to 9999 (checked in UTC).
     * Digits finer than a microsecond, which neither backend keeps, are dropped (truncated, never
     * rounded up), so both store and return the same value.
     */
    public static Instant timestamp(String field, String text) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant()
                    .truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'" + field + "' must be an RFC 3339 timestamp with an offset");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ApiException.badRequest("'" + field + "' must be between the years 0001 and 9999 (UTC)");
        }
        return instant;
    }

    /** The length of well-formed text in UTF-8, without encoding it. */
    public static int utf8Bytes(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static String withinBytes(String field, String value, int maxBytes) {
        if (value.length() > maxBytes || utf8Bytes(value) > maxBytes) {
            throw ApiException.badRequest("'" + field + "' is longer than " + maxBytes + " bytes of UTF-8");
        }
        return value;
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }
}
