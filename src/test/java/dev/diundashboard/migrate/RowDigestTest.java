package dev.diundashboard.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RowDigestTest {

    private static final Schema.Table TAGS = Schema.named("tags");
    private static final Schema.Table AUDIT = Schema.named("audit_log");

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
        Object[] text = {
            1L, b("2024-01-01T00:00:00.000000Z"), b("x"), b("admin"), b("y"), null, b("{\"b\": 1.50, \"a\": 2}")
        };
        Object[] jsonb = {
            1L, b("2024-01-01T00:00:00.000000Z"), b("x"), b("admin"), b("y"), null, b("{\"a\": 2, \"b\": 1.5}")
        };
        Object[] jsonNull = {1L, b("2024-01-01T00:00:00.000000Z"), b("x"), b("admin"), b("y"), null, b("null")};
        Object[] sqlNull = {1L, b("2024-01-01T00:00:00.000000Z"), b("x"), b("admin"), b("y"), null, null};
        assertThat(digest(AUDIT, text)).isEqualTo(digest(AUDIT, jsonb));
        assertThat(digest(AUDIT, jsonNull)).isNotEqualTo(digest(AUDIT, sqlNull));
    }

    @Test
    void duplicateKeysDifferFromTheirJsonbForm() {
        Object[] dup = {1L, b("2024-01-01T00:00:00.000000Z"), b("x"), b("y"), null, b("{\"a\": 1, \"a\": 2}")};
        Object[] last = {1L, b("2024-01-01T00:00:00.000000Z"), b("x"), b("y"), null, b("{\"a\": 2}")};
        assertThat(digest(AUDIT, dup)).isNotEqualTo(digest(AUDIT, last));
    }

    private static String checked(Schema.Table table, boolean postgresSafe, Object[]... rows) {
        RowDigest d = new RowDigest(table);
        for (Object[] row : rows) {
            d.addChecked(row, (Long) row[0], postgresSafe);
        }
        return d.hex();
    }

    private static Object[] audit(long id, String details) {
        return new Object[] {
            id, b("2024-01-01T00:00:00.000000Z"), b("x"), b("admin"), b("y"), null, details == null ? null : b(details)
        };
    }

    @Test
    void theCopysChecksumOfARowIsTheOneItsReadBackGets() {
        Object[][] rows = {audit(1, "{\"b\": 1.50, \"a\": [1e2, \"\\u00e9\"]}"), audit(2, null), audit(3, "null")};
        Object[][] readBack = {audit(1, "{\"a\": [100, \"\u00e9\"], \"b\": 1.5}"), audit(2, null), audit(3, "null")};
        assertThat(checked(AUDIT, true, rows)).isEqualTo(digest(AUDIT, readBack));
        assertThat(checked(AUDIT, false, rows)).isEqualTo(digest(AUDIT, readBack));
        assertThat(checked(AUDIT, true, rows))
                .isNotEqualTo(
                        digest(AUDIT, audit(1, "{\"a\": [100, \"e\"], \"b\": 1.5}"), audit(2, null), audit(3, "null")));
    }

    @Test
    void duplicateKeysAreRefusedGoingToPostgresAndComparedAsTextGoingToSqlite() {
        Object[] dup = audit(7, "{\"a\": 1, \"a\": 2}");
        assertThatThrownBy(() -> checked(AUDIT, true, dup))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessage("table audit_log, row 7, column details: JSON: Duplicate field 'a'");
        assertThat(checked(AUDIT, false, dup)).isEqualTo(digest(AUDIT, dup));
        assertThat(checked(AUDIT, false, dup)).isNotEqualTo(digest(AUDIT, audit(7, "{\"a\": 2}")));
    }

    @Test
    void jsonBeyondTheLimitsOrNotJsonIsRefusedWhatEverTheTarget() {
        for (boolean postgresSafe : new boolean[] {true, false}) {
            assertThatThrownBy(() -> checked(AUDIT, postgresSafe, audit(3, "[".repeat(65) + "]".repeat(65))))
                    .hasMessage("table audit_log, row 3, column details: JSON: nested more than 64 levels deep");
            assertThatThrownBy(() -> checked(AUDIT, postgresSafe, audit(3, "{\"b\": 1, \"a\": 1e101}")))
                    .hasMessageContaining("column details: JSON: the number 1e101 is beyond 100 digits");
            assertThatThrownBy(() -> checked(AUDIT, postgresSafe, audit(3, "{\"a\": 01}")))
                    .hasMessageContaining("column details: JSON: unexpected");
        }
        assertThatThrownBy(() -> checked(AUDIT, false, audit(3, "{\"a\": 1, \"a\": 1e101}")))
                .as("the limits apply to the whole value, duplicate keys or not")
                .hasMessageContaining("column details: JSON: the number 1e101 is beyond 100 digits");
        assertThatThrownBy(() -> checked(AUDIT, true, audit(3, "\"\\u0000\"")))
                .hasMessageContaining("column details: JSON: a string contains \\u0000");
        assertThat(checked(AUDIT, false, audit(3, "\"\\u0000\""))).isEqualTo(digest(AUDIT, audit(3, "\"\\u0000\"")));
    }
}
