package dev.diundashboard.migrate;

import dev.diundashboard.migrate.Schema.Column;
import dev.diundashboard.migrate.Schema.Kind;
import dev.diundashboard.migrate.Schema.Table;
import dev.diundashboard.storage.sqlite.SqliteTimestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

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

    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in seconds since 1970. */
    private static final long EPOCH_2000_SECONDS = 946_684_800L;

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

    /**
     * A canonical timestamp ({@link Values#isCanonicalTimestamp}) as PostgreSQL's timestamptz counts it,
     * read by the application's own {@link SqliteTimestamps#parse}.
     */
    static long microsSince2000(byte[] t) {
        Instant at = SqliteTimestamps.parse(new String(t, StandardCharsets.US_ASCII));
        return (at.getEpochSecond() - EPOCH_2000_SECONDS) * 1_000_000L + at.getNano() / 1_000;
    }
}
