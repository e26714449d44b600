package dev.diundashboard.migrate;

import static dev.diundashboard.migrate.MigrateFixtures.count;
import static dev.diundashboard.migrate.MigrateFixtures.createPostgresDatabase;
import static dev.diundashboard.migrate.MigrateFixtures.dropPostgresDatabase;
import static dev.diundashboard.migrate.MigrateFixtures.fill;
import static dev.diundashboard.migrate.MigrateFixtures.migrate;
import static dev.diundashboard.migrate.MigrateFixtures.openSqlite;
import static dev.diundashboard.migrate.MigrateFixtures.sqlite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.it.RequiresPostgres;
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
