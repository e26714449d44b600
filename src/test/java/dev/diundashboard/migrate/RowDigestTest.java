package dev.diundashboard.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RowDigestTest {

    private static final Schema.Table TAGS = Schema.TABLES.get(0);
    private static final Schema.Table AUDIT = Schema.TABLES.get(5);

    private static String digest(Schema.Table table, Object[]... rows) {
        RowDigest d = new RowDigest(table);
        for (Object[] row : rows) {
            d.add(row);
        }
        return d.hex();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Object[] tag(long id, String name) {
        return new Object[] {id, name == null ? null : b(name), b("2024-01-01T00:00:00.000000Z")};
    }

    @Test
    void sameRowsGiveTheSameChecksum() {
        assertThat(digest(TAGS, tag(1, "a"), tag(2, "b"))).isEqualTo(digest(TAGS, tag(1, "a"), tag(2, "b")));
    }

    @Test
    void anyChangeChangesTheChecksum() {
        String base = digest(TAGS, tag(1, "a"), tag(2, "b"));
        assertThat(digest(TAGS, tag(1, "a"), tag(2, "c"))).isNotEqualTo(base);
        assertThat(digest(TAGS, tag(2, "b"), tag(1, "a"))).isNotEqualTo(base);
        assertThat(digest(TAGS, tag(1, "a"))).isNotEqualTo(base);
        assertThat(digest(TAGS, tag(1, ""))).isNotEqualTo(digest(TAGS, tag(1, null)));
        assertThat(digest(TAGS, tag(1, "NULL"))).isNotEqualTo(digest(TAGS, tag(1, null)));
    }

    @Test
    void valuesAreDelimitedSoThatShiftedBoundariesDiffer() {
        Object[] ab = {1L, b("2024-01-01T00:00:00.000000Z"), b("ab"), b("c"), null, null};
        Object[] a = {1L, b("2024-01-01T00:00:00.000000Z"), b("a"), b("bc"), null, null};
        assertThat(digest(AUDIT, ab)).isNotEqualTo(digest(AUDIT, a));
    }

    @Test
    void jsonIsComparedByMeaningButJsonNullIsNotSqlNull() {
        Object[] text = {1L, b("2024-01-01T00:00:00.000000Z"), b("x"), b("y"), null, b("{\"b\": 1.50, \"a\": 2}")};
        Object[] jsonb = {1L, b("2024-01-01T00:00:00.000000Z"), b("x"), b("y"), null, b("{\"a\": 2, \"b\": 1.5}")};
        Object[] jsonNull = {1L, b("2024-01-01T00:00:00.000000Z"), b("x"), b("y"), null, b("null")};
        Object[] sqlNull = {1L, b("2024-01-01T00:00:00.000000Z"), b("x"), b("y"), null, null};
        assertThat(digest(AUDIT, text)).isEqualTo(digest(AUDIT, jsonb));
        assertThat(digest(AUDIT, jsonNull)).isNotEqualTo(digest(AUDIT, sqlNull));
    }

    @Test
    void duplicateKeysDifferFromTheirJsonbForm() {
        Object[] dup = {1L, b("2024-01-01T00:00:00.000000Z"), b("x"), b("y"), null, b("{\"a\": 1, \"a\": 2}")};
        Object[] last = {1L, b("2024-01-01T00:00:00.000000Z"), b("x"), b("y"), null, b("{\"a\": 2}")};
        assertThat(digest(AUDIT, dup)).isNotEqualTo(digest(AUDIT, last));
    }
}
