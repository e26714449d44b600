package dev.diundashboard.migrate;

import static dev.diundashboard.migrate.MigrateFixtures.fill;
import static dev.diundashboard.migrate.MigrateFixtures.migrate;
import static dev.diundashboard.migrate.MigrateFixtures.openSqlite;
import static dev.diundashboard.migrate.MigrateFixtures.sqlite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.it.support.RequiresPostgres;
import dev.diundashboard.migrate.MigrateFixtures.Result;
import dev.diundashboard.migrate.MigrateFixtures.ScratchPostgres;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A SQLite source built to hurt (deep JSON, huge numbers, values past the application's limits,
 * views and triggers in place of tables, a damaged page, a file that is no database) ends in a clear
 * refusal naming what is wrong; the large cases run the real jar with a 64 MiB heap and a deadline.
 */
@RequiresPostgres
class HostileSourceIT {

    /** Generous: each of these runs ends in about a second on the 2-core development machine. */
    static final long DEADLINE_SECONDS = 60;

    @TempDir
    Path dir;

    @RegisterExtension
    final ScratchPostgres postgres = new ScratchPostgres();

    /**
     * A source whose tables carry no STRICT typing and whose CHECK constraints are ignored, as a file
     * made by hand can be: the tool must not rely on the constraints the migrations declare.
     */
    private Path sourceWith(String... statements) throws Exception {
        Path source = sqlite(dir.resolve("source.db"));
        try (Connection c = openSqlite(source);
                Statement s = c.createStatement()) {
            s.execute("PRAGMA writable_schema = ON");
            s.execute("UPDATE sqlite_master SET sql = replace(sql, ') STRICT', ')') WHERE type = 'table'");
        }
        try (Connection c = openSqlite(source);
                Statement s = c.createStatement()) {
            s.execute("PRAGMA ignore_check_constraints = ON");
            for (int id = 1; id <= 5; id++) {
                s.execute("INSERT INTO updates (id, hostname, image, status, first_seen, last_seen) VALUES (" + id
                        + ", 'h', 'i" + id + "', 'new', '2024-01-01T00:00:00.000000Z', '2024-01-01T00:00:00.000000Z')");
            }
            for (String statement : statements) {
                s.execute(statement);
            }
        }
        return source;
    }

    static Stream<Arguments> rowsBeyondTheLimits() {
        String open65 = "replace(hex(zeroblob(64)), '00', '[')";
        String close65 = "replace(hex(zeroblob(64)), '00', ']')";
        return Stream.of(
                Arguments.of(
                        "JSON nested 65 deep",
                        "metadata = '{\"a\":' || " + open65 + " || " + close65 + " || '}'",
                        "column metadata: JSON: nested more than 64 levels deep"),
                Arguments.of(
                        "JSON nested 400,000 deep",
                        "metadata = replace(hex(zeroblob(400000)), '00', '[') || replace(hex(zeroblob(400000)), '00', ']')",
                        "column metadata: JSON: nested more than 64 levels deep"),
                Arguments.of(
                        "number of 101 digits",
                        "metadata = '{\"n\": 1' || hex(zeroblob(50)) || '}'",
                        "column metadata: JSON: the number 1000"),
                Arguments.of(
                        "number 1e999999",
                        "metadata = '{\"n\": 1e999999}'",
                        "column metadata: JSON: the number 1e999999 is beyond 100 digits"),
                Arguments.of(
                        "integer column holding a real",
                        "seen_count = 1e300",
                        "column seen_count: is stored as real, not as an integer"),
                Arguments.of(
                        "integer column holding text",
                        "seen_count = 'many'",
                        "column seen_count: is stored as text, not as an integer"),
                Arguments.of(
                        "text column holding a blob",
                        "hostname = X'00FF'",
                        "column hostname: is stored as blob, not as text"),
                Arguments.of(
                        "image over 1024 bytes",
                        "image = replace(hex(zeroblob(342)), '00', char(19968))",
                        "column image: 1026 bytes, over the application's limit of 1024 bytes"),
                Arguments.of(
                        "hostname over 255 bytes",
                        "hostname = replace(hex(zeroblob(128)), '00', char(233))",
                        "column hostname: 256 bytes, over the application's limit of 255 bytes"),
                Arguments.of(
                        "value over 1 MiB",
                        "metadata = '\"' || hex(zeroblob(600000)) || '\"'",
                        "column metadata: holds 1200002 bytes, over the limit of 1048576 bytes"),
                Arguments.of("timestamp year 10000", "last_seen = '+10000-01-01T00:00:00Z'", "column last_seen:"),
                Arguments.of(
                        "timestamp finer than a microsecond",
                        "last_seen = '2024-01-01T00:00:00.0000001Z'",
                        "column last_seen:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rowsBeyondTheLimits")
    void rowBeyondTheApplicationsLimitsIsRefusedWithItsRowAndColumn(String what, String change, String expected)
            throws Exception {
        Path source = sourceWith("UPDATE updates SET " + change + " WHERE id = 4");

        for (String target : List.of(postgres.url(), dir.resolve("target.db").toString())) {
            Result result = migrate("--from", source.toString(), "--to", target);

            assertThat(result.code())
                    .as(what + " -> " + target + "\n" + result.all())
                    .isEqualTo(ExitCodes.UNSTORABLE);
            assertThat(result.err()).as(what).contains("table updates, row 4, " + expected);
        }
    }

    @Test
    void viewInPlaceOfATableIsRefusedWithoutReadingIt() throws Exception {
        // A view that never ends: reading it would run until the disk or the patience runs out.
        Path source = sourceWith(
                "DROP TABLE events",
                "CREATE VIEW events AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
                        + " SELECT i AS id, 1 AS update_id, '2024-01-01T00:00:00.000000Z' AS received_at,"
                        + " 'new' AS status, NULL AS digest, NULL AS payload FROM n");

        long started = System.nanoTime();
        Result result = migrate("--from", source.toString(), "--to", postgres.url());

        assertThat(result.code()).as(result.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).contains("events is a view, not a table as DiunDashboard's migrations create it");
        assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS));
        Result dry = migrate("--from", source.toString(), "--to", postgres.url(), "--dry-run");
        assertThat(dry.code()).as(dry.all()).isEqualTo(ExitCodes.REFUSED);
    }

    @Test
    void schemaHistoryAsAViewIsNoDashboardSchema() throws Exception {
        Path source = sourceWith(
                "CREATE TABLE h AS SELECT * FROM flyway_schema_history",
                "DROP TABLE flyway_schema_history",
                "CREATE VIEW flyway_schema_history AS SELECT * FROM h");

        Result result = migrate("--from", source.toString(), "--to", postgres.url());

        assertThat(result.code()).as(result.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).contains("has no DiunDashboard schema");
    }

    @Test
    void triggerOnATableIsRefused() throws Exception {
        Path source = sourceWith("CREATE TRIGGER sneaky AFTER INSERT ON updates BEGIN DELETE FROM tags; END");

        Result result = migrate("--from", source.toString(), "--to", postgres.url());

        assertThat(result.code()).as(result.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).contains("table updates has a trigger (sneaky)");
    }

    @Test
    void aTriggerWithTheNameOfTheDataVersionsButAnotherBodyIsRefused() throws Exception {
        Path source = sourceWith(
                "DROP TRIGGER data_version_tags_insert",
                "CREATE TRIGGER data_version_tags_insert AFTER INSERT ON tags BEGIN DELETE FROM updates; END");

        Result result = migrate("--from", source.toString(), "--to", postgres.url());

        assertThat(result.code()).as(result.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).contains("table tags has a trigger (data_version_tags_insert)");
    }

    @Test
    void fileThatIsNotADatabaseIsRefused() throws Exception {
        Path source = dir.resolve("notes.db");
        Files.writeString(source, "this is a text file, not SQLite\n".repeat(1000));

        Result result = migrate("--from", source.toString(), "--to", postgres.url());

        assertThat(result.code()).as(result.all()).isEqualTo(ExitCodes.DATABASE);
        assertThat(result.err()).contains("not a database").contains("damaged or not a SQLite database");
    }

    @Test
    void damagedPageEndsInAClearRefusalWithin64MiBAndTheDeadline() throws Exception {
        Path source = sqlite(dir.resolve("source.db"));
        try (Connection c = openSqlite(source)) {
            fill(c, 2_000, 20); // about 8 MB
        }
        long size = Files.size(source);
        assertThat(size).isGreaterThan(4L << 20);
        try (RandomAccessFile f = new RandomAccessFile(source.toFile(), "rw")) {
            byte[] garbage = new byte[16 * 4096];
            Arrays.fill(garbage, (byte) 0xA5);
            f.seek((size / 2) / 4096 * 4096);
            f.write(garbage);
        }

        Jar run = jar("-Xmx64m", "--from", source.toString(), "--to", postgres.url());

        assertThat(run.code()).as(run.output()).isEqualTo(ExitCodes.DATABASE);
        assertThat(run.output())
                .contains("is damaged (PRAGMA quick_check:")
                .contains("restore it from a backup")
                .doesNotContain("OutOfMemoryError");
        try (Connection c = java.sql.DriverManager.getConnection(postgres.url())) {
            assertThat(MigrateFixtures.count(c, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                    .as("refused before the target was touched")
                    .isZero();
        }
    }

    @Test
    void severalMegabytesWithAHostileRowAtTheEndAreRefusedWithin64MiBAndTheDeadline() throws Exception {
        Path source = sqlite(dir.resolve("source.db"));
        try (Connection c = openSqlite(source);
                Statement s = c.createStatement()) {
            fill(c, 2_000, 20);
            s.execute("PRAGMA ignore_check_constraints = ON");
            // Just under 1 MiB of '[' and ']' each, in the last event: a recursive parser would overflow its stack.
            s.execute("UPDATE events SET payload = replace(hex(zeroblob(500000)), '00', '[')"
                    + " || replace(hex(zeroblob(500000)), '00', ']') WHERE id = 39999");
            s.execute("UPDATE events SET payload = '{\"n\": 1e999999999}' WHERE id = 40000");
        }
        assertThat(Files.size(source)).isGreaterThan(4L << 20);

        Jar run = jar("-Xmx64m", "--from", source.toString(), "--to", postgres.url());

        assertThat(run.code()).as(run.output()).isEqualTo(ExitCodes.UNSTORABLE);
        assertThat(run.output())
                .contains("table events, row 39999, column payload: JSON: nested more than 64 levels deep");
    }

    record Jar(int code, String output) {}

    /** The real jar in a JVM of its own, with the given heap, killed at the deadline. */
    private static Jar jar(String heap, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("diun.it.war")).resolveSibling("diun-migrate.jar");
        assertThat(jar).exists();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap, "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("diun-migrate", ".log");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean done = p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            p.waitFor();
        }
        String output = Files.readString(log);
        assertThat(done)
                .as("finished within " + DEADLINE_SECONDS + " s:\n" + output)
                .isTrue();
        return new Jar(p.exitValue(), output);
    }
}
