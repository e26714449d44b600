package dev.diundashboard.migrate;

import static dev.diundashboard.migrate.MigrateFixtures.count;
import static dev.diundashboard.migrate.MigrateFixtures.createPostgresDatabase;
import static dev.diundashboard.migrate.MigrateFixtures.dropPostgresDatabase;
import static dev.diundashboard.migrate.MigrateFixtures.fill;
import static dev.diundashboard.migrate.MigrateFixtures.migrate;
import static dev.diundashboard.migrate.MigrateFixtures.openSqlite;
import static dev.diundashboard.migrate.MigrateFixtures.sqlite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.it.support.RequiresPostgres;
import dev.diundashboard.migrate.MigrateFixtures.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar is killed (SIGKILL) in the middle of a copy, in both directions; --resume then
 * finishes it and the verification finds the target identical to the source.
 */
@RequiresPostgres
class ResumeIT {

    static final int UPDATES = 2_000;
    static final int EVENTS_PER_UPDATE = 100;

    String postgres;

    @AfterEach
    void drop() throws SQLException {
        dropPostgresDatabase(postgres);
    }

    @Test
    void copyKilledMidwayToPostgresFinishesIdenticalWithResume(@TempDir Path dir) throws Exception {
        Path source = sqlite(dir.resolve("source.db"));
        try (Connection c = openSqlite(source)) {
            fill(c, UPDATES, EVENTS_PER_UPDATE);
        }
        postgres = createPostgresDatabase();

        long copiedBeforeKill = killMidway(source.toString(), postgres, () -> eventsIn(postgres));
        assertThat(copiedBeforeKill).isBetween(1L, (long) UPDATES * EVENTS_PER_UPDATE - 1);

        Result refused = migrate("--from", source.toString(), "--to", postgres);
        assertThat(refused.code()).as(refused.all()).isEqualTo(ExitCodes.REFUSED);

        Result resumed = migrate("--from", source.toString(), "--to", postgres, "--resume");
        assertThat(resumed.code()).as(resumed.all()).isZero();
        assertThat(resumed.out()).contains("resumed after id").contains("result: identical");
        assertThat(eventsIn(postgres)).isEqualTo((long) UPDATES * EVENTS_PER_UPDATE);
        assertThat(indexesAndConstraints(postgres)).isEqualTo(indexesAndConstraintsOfANewDatabase());
    }

    @Test
    void copyKilledMidwayToSqliteFinishesIdenticalWithResume(@TempDir Path dir) throws Exception {
        Path seed = sqlite(dir.resolve("seed.db"));
        try (Connection c = openSqlite(seed)) {
            fill(c, UPDATES, EVENTS_PER_UPDATE);
        }
        postgres = createPostgresDatabase();
        assertThat(migrate("--from", seed.toString(), "--to", postgres).code()).isZero();

        Path target = dir.resolve("target.db");
        long copiedBeforeKill = killMidway(postgres, target.toString(), () -> eventsIn(target));
        assertThat(copiedBeforeKill).isBetween(1L, (long) UPDATES * EVENTS_PER_UPDATE - 1);

        Result resumed = migrate("--from", postgres, "--to", target.toString(), "--resume");
        assertThat(resumed.code()).as(resumed.all()).isZero();
        assertThat(resumed.out()).contains("result: identical");
        assertThat(eventsIn(target)).isEqualTo((long) UPDATES * EVENTS_PER_UPDATE);
    }

    /** Starts the jar with small batches, kills it once some events are committed; returns how many. */
    private static long killMidway(String from, String to, Supplier<Long> committedEvents) throws Exception {
        Path jar = Path.of(System.getProperty("diun.it.war")).resolveSibling("diun-migrate.jar");
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        List.of(java, "-jar", jar.toString(), "--from", from, "--to", to, "--batch-rows", "500"))
                .redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("diun-migrate", ".log").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (committedEvents.get() < 2_000 && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(20);
            }
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by the tool itself
            p.waitFor(30, TimeUnit.SECONDS);
        }
        return committedEvents.get();
    }

    /** The indexes and constraints set aside for the copy are all back, exactly as Flyway made them. */
    private static List<String> indexesAndConstraints(String postgres) throws SQLException {
        List<String> all = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection(postgres);
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'"
                        + " UNION ALL SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)"
                        + " FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
                        + " UNION ALL SELECT 'table ' || tablename FROM pg_tables WHERE schemaname = 'public'"
                        + " ORDER BY 1")) {
            while (rs.next()) {
                all.add(rs.getString(1));
            }
        }
        return all;
    }

    private static List<String> indexesAndConstraintsOfANewDatabase() throws SQLException {
        String fresh = createPostgresDatabase();
        try {
            org.flywaydb.core.Flyway.configure()
                    .dataSource(fresh, null, null)
                    .locations("classpath:db/migration/postgresql")
                    .load()
                    .migrate();
            return indexesAndConstraints(fresh);
        } finally {
            dropPostgresDatabase(fresh);
        }
    }

    private static long eventsIn(String postgres) {
        try (Connection c = DriverManager.getConnection(postgres)) {
            return count(
                    c,
                    "SELECT CASE WHEN to_regclass('events') IS NULL THEN 0 ELSE"
                            + " (SELECT count(*) FROM events) END");
        } catch (SQLException e) {
            return 0;
        }
    }

    private static long eventsIn(Path sqlite) {
        if (!Files.exists(sqlite)) {
            return 0;
        }
        try (Connection c = openSqlite(sqlite)) {
            return count(c, "SELECT count(*) FROM events");
        } catch (SQLException e) {
            return 0; // not created yet, or busy
        }
    }
}
