package dev.diundashboard.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class CopyBinaryTest {

    private static final Schema.Table UPDATES = Schema.named("updates");

    private static Object[] update(String hostname, String metadata, Long seenCount) {
        Object[] row = new Object[UPDATES.width()];
        row[0] = 7L;
        row[1] = hostname == null ? null : hostname.getBytes(StandardCharsets.UTF_8);
        row[10] = metadata == null ? null : metadata.getBytes(StandardCharsets.UTF_8);
        row[13] = "2024-02-29T23:59:59.999999Z".getBytes(StandardCharsets.US_ASCII);
        row[14] = seenCount;
        return row;
    }

    private static ByteBuffer tuple(Object[] row) {
        ByteSink out = new ByteSink(16);
        new CopyBinary(UPDATES).append(row, 7, out);
        return ByteBuffer.wrap(out.array(), 0, out.size());
    }

    /** The bytes of value {@code column} of the tuple (null for SQL NULL); checks the layout on the way. */
    private static byte[] value(ByteBuffer tuple, int column) {
        assertThat(tuple.getShort()).isEqualTo((short) UPDATES.width());
        byte[] wanted = null;
        for (int i = 0; i < UPDATES.width(); i++) {
            int length = tuple.getInt();
            byte[] v = length < 0 ? null : new byte[length];
            if (v != null) {
                tuple.get(v);
            }
            if (i == column) {
                wanted = v;
            }
        }
        assertThat(tuple.hasRemaining()).isFalse();
        return wanted;
    }

    @Test
    void textGoesAsItIsAndNullIsDistinctFromEmpty() {
        String nasty = "a\\b\tc\nd\re \\N NULL é";
        assertThat(value(tuple(update(nasty, null, 1L)), 1)).isEqualTo(nasty.getBytes(StandardCharsets.UTF_8));
        assertThat(value(tuple(update("", null, 1L)), 1)).isEmpty();
        assertThat(value(tuple(update("", null, 1L)), 2)).isNull();
    }

    @Test
    void jsonGoesWithJsonbsVersionByte() {
        assertThat(value(tuple(update("h", "{\"a\": 1}", 1L)), 10))
                .startsWith(1)
                .endsWith("{\"a\": 1}".getBytes());
    }

    @Test
    void integersAreBigEndianOfTheirColumnsWidth() {
        assertThat(value(tuple(update("h", null, -2L)), 14)).containsExactly(0xff, 0xff, 0xff, 0xfe);
        assertThat(ByteBuffer.wrap(value(tuple(update("h", null, 1L)), 0)).getLong())
                .isEqualTo(7L);
    }

    @Test
    void timestampsAreMicrosecondsSince2000() {
        assertThat(ByteBuffer.wrap(value(tuple(update("h", null, 1L)), 13)).getLong())
                .isEqualTo(micros(Instant.parse("2024-02-29T23:59:59.999999Z")));
        for (String t : new String[] {
            "2000-01-01T00:00:00.000000Z", "0001-01-01T00:00:00.000000Z", "9999-12-31T23:59:59.999999Z",
            "1970-01-01T00:00:00.000001Z", "1900-03-01T12:34:56.789012Z", "2100-02-28T00:00:00.000000Z"
        }) {
            assertThat(CopyBinary.microsSince2000(t.getBytes(StandardCharsets.US_ASCII)))
                    .as(t)
                    .isEqualTo(micros(Instant.parse(t)));
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10_000; i++) {
            Instant at = Instant.ofEpochSecond(
                    random.nextLong(-62_135_596_800L, 253_402_300_800L), 1000L * random.nextInt(1_000_000));
            byte[] canonical = Values.canonicalTimestamp(at);
            assertThat(CopyBinary.microsSince2000(canonical)).as(at.toString()).isEqualTo(micros(at));
        }
    }

    private static long micros(Instant at) {
        Duration since = Duration.between(Instant.parse("2000-01-01T00:00:00Z"), at);
        return since.getSeconds() * 1_000_000L + since.getNano() / 1000;
    }

    @Test
    void nulInTextIsRefusedWithTableRowAndColumn() {
        assertThatThrownBy(() -> tuple(update("a\u0000b", null, 1L)))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessage("table updates, row 7, column hostname: contains a NUL character, which PostgreSQL text"
                        + " cannot store");
    }

    @Test
    void integerBeyondPostgresIntegerIsRefused() {
        assertThatThrownBy(() -> tuple(update("h", null, 1L << 31)))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessageContaining("column seen_count: 2147483648 does not fit");
        assertThat(value(tuple(update("h", null, (long) Integer.MIN_VALUE)), 14))
                .containsExactly(0x80, 0, 0, 0);
    }
}
