package dev.diundashboard.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CopyTextTest {

    private static final Schema.Table UPDATES = Schema.TABLES.get(1);

    private static Object[] update(String hostname, String metadata, Long seenCount) {
        Object[] row = new Object[UPDATES.width()];
        row[0] = 7L;
        row[1] = hostname == null ? null : hostname.getBytes(StandardCharsets.UTF_8);
        row[10] = metadata == null ? null : metadata.getBytes(StandardCharsets.UTF_8);
        row[14] = seenCount;
        return row;
    }

    private static String line(Object[] row) {
        ByteSink out = new ByteSink(16);
        new CopyText(UPDATES).append(row, 7, out);
        return new String(out.array(), 0, out.size(), StandardCharsets.UTF_8);
    }

    @Test
    void specialCharactersAreEscapedAndNullIsBackslashN() {
        String line = line(update("a\\b\tc\nd\re \\N NULL é", null, 1L));

        assertThat(line).startsWith("7\ta\\\\b\\tc\\nd\\re \\\\N NULL é\t\\N\t");
        assertThat(line.split("\t", -1)).hasSize(UPDATES.width());
        assertThat(line).endsWith("\n").doesNotContain("\n\t");
    }

    @Test
    void emptyTextStaysEmptyAndDistinctFromNull() {
        String[] fields = line(update("", null, 1L)).split("\t", -1);

        assertThat(fields[1]).isEmpty();
        assertThat(fields[2]).isEqualTo("\\N");
    }

    @Test
    void nulInTextIsRefusedWithTableRowAndColumn() {
        assertThatThrownBy(() -> line(update("a\u0000b", null, 1L)))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessage("table updates, row 7, column hostname: contains a NUL character, which PostgreSQL text"
                        + " cannot store");
    }

    @Test
    void integerBeyondPostgresIntegerIsRefused() {
        assertThatThrownBy(() -> line(update("h", null, 1L << 31)))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessageContaining("column seen_count: 2147483648 does not fit");
        assertThat(line(update("h", null, (long) Integer.MIN_VALUE))).contains("\t-2147483648\t");
    }

    @Test
    void jsonWithDuplicateKeysIsRefused() {
        assertThatThrownBy(() -> line(update("h", "{\"a\":1,\"a\":2}", 1L)))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessageContaining("column metadata: JSON: Duplicate");
    }
}
