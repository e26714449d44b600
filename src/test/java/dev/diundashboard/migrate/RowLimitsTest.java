package dev.diundashboard.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The application's limits at their edges: one inside passes, one beyond is refused. */
class RowLimitsTest {

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonNestingUpTo64LevelsPassesAnd65IsRefused() {
        assertThat(RowLimits.jsonProblem(utf8(nested(64)))).isNull();
        assertThat(RowLimits.jsonProblem(utf8("{\"a\":" + nested(63) + "}"))).isNull();
        assertThat(RowLimits.jsonProblem(utf8(nested(65)))).isEqualTo("nested more than 64 levels deep");
        assertThat(RowLimits.jsonProblem(utf8(nested(500_000)))).isEqualTo("nested more than 64 levels deep");
    }

    @Test
    void numbersUpTo100DigitsPassAndLongerOrFartherAreRefused() {
        assertThat(RowLimits.jsonProblem(utf8("[" + "9".repeat(100) + ", 1e100, 1e-100, 0." + "1".repeat(100) + "]")))
                .isNull();
        assertThat(RowLimits.jsonProblem(utf8("[" + "9".repeat(101) + "]"))).contains("beyond 100 digits");
        assertThat(RowLimits.jsonProblem(utf8("{\"n\": 1e101}"))).contains("beyond 100 digits");
        assertThat(RowLimits.jsonProblem(utf8("{\"n\": 1e-999999999}"))).contains("beyond 100 digits");
        assertThat(RowLimits.jsonProblem(utf8("[" + "1".repeat(100_000) + "]"))).contains("beyond 100 digits");
    }

    @Test
    void imageAndHostnameAreLimitedInUtf8Bytes() {
        RowLimits updates = new RowLimits(Schema.named("updates"));
        Object[] row = new Object[Schema.named("updates").width()];
        row[1] = utf8("h".repeat(255));
        row[2] = utf8("\u4e00".repeat(341)); // 1,023 bytes
        updates.check(row, 7);

        row[2] = utf8("\u4e00".repeat(342)); // 1,026 bytes
        assertThatThrownBy(() -> updates.check(row, 7))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessage(
                        "table updates, row 7, column image: 1026 bytes, over the application's limit of 1024 bytes");

        row[2] = utf8("i");
        row[1] = utf8("\u00e9".repeat(128)); // 256 bytes
        assertThatThrownBy(() -> updates.check(row, 7)).hasMessageContaining("column hostname: 256 bytes");
    }
}
