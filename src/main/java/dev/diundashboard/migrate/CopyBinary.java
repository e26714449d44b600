package dev.diundashboard.migrate;

import dev.diundashboard.migrate.Schema.Column;
import dev.diundashboard.migrate.Schema.Kind;
import dev.diundashboard.migrate.Schema.Table;

/**
 * Rows in PostgreSQL's binary COPY format: per row the number of values, then each value as its
 * length (-1 for null) and its bytes. Integers are big-endian, text and JSON their UTF-8 bytes as
 * they are (jsonb's after its version byte, 1), timestamps microseconds since 2000-01-01 UTC. Nothing
 * is escaped, and PostgreSQL parses no text but the JSON.
 *
 * <p>Refuses, rather than alters, what PostgreSQL cannot store exactly: NUL in text and integers
 * beyond {@code integer}. JSON that jsonb would not keep as written (duplicate keys, an escaped NUL,
 * unpaired surrogates) or that is not JSON (a raw NUL, say) is refused before a row gets here, by the
 * pass that digests it ({@link RowDigest#addChecked}).
 */
final class CopyBinary {

    /** The signature, the flags (none) and the length of the header extension (none). */
    private static final byte[] HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };

    private static final long DAYS_1970_TO_2000 = 10_957;
    private static final byte JSONB_VERSION = 1;

    private final Table table;
    private final Kind[] kinds;

    CopyBinary(Table table) {
        this.table = table;
        this.kinds = table.columns().stream().map(Column::kind).toArray(Kind[]::new);
    }

    /** What starts the data of one COPY statement. */
    static void header(ByteSink out) {
        out.write(HEADER);
    }

    /** What ends the data of one COPY statement. */
    static void trailer(ByteSink out) {
        out.write(0xff);
        out.write(0xff);
    }

    void append(Object[] row, long key, ByteSink out) {
        out.write(row.length >>> 8);
        out.write(row.length);
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v == null) {
                out.writeInt(-1);
                continue;
            }
            switch (kinds[i]) {
                case BIGINT -> {
                    out.writeInt(8);
                    out.writeLong((Long) v);
                }
                case INT -> {
                    long l = (Long) v;
                    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                        throw new UnstorableValueException(
                                table.name(), key, name(i), l + " does not fit PostgreSQL's integer");
                    }
                    out.writeInt(4);
                    out.writeInt((int) l);
                }
                case TEXT -> {
                    byte[] b = (byte[]) v;
                    if (Values.containsNul(b)) {
                        throw new UnstorableValueException(
                                table.name(),
                                key,
                                name(i),
                                "contains a NUL character, which PostgreSQL text cannot store");
                    }
                    out.writeInt(b.length);
                    out.write(b);
                }
                case JSON -> {
                    byte[] b = (byte[]) v;
                    out.writeInt(b.length + 1);
                    out.write(JSONB_VERSION);
                    out.write(b);
                }
                case TIMESTAMP -> {
                    out.writeInt(8);
                    out.writeLong(microsSince2000((byte[]) v));
                }
            }
        }
    }

    private String name(int column) {
        return table.columns().get(column).name();
    }

    /** A canonical timestamp ({@link Values#isCanonicalTimestamp}) as PostgreSQL's timestamptz counts it. */
    static long microsSince2000(byte[] t) {
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        long seconds = (daysSince1970(year, month, day) - DAYS_1970_TO_2000) * 86_400L
                + digits(t, 11, 2) * 3_600L
                + digits(t, 14, 2) * 60L
                + digits(t, 17, 2);
        return seconds * 1_000_000L + digits(t, 20, 6);
    }

    /** Days from 1970-01-01 to the given date of the proleptic Gregorian calendar. */
    static long daysSince1970(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    private static int digits(byte[] t, int from, int length) {
        int n = 0;
        for (int i = from; i < from + length; i++) {
            n = n * 10 + (t[i] - '0');
        }
        return n;
    }
}
