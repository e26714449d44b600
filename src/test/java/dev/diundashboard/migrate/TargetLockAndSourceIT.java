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
 * One run at a time per target: a second run is refused while the real jar copies into the same
 * PostgreSQL database or SQLite file, and the first still finishes identical. {@code --resume}
 * continues only from the source the copy started from.
 */
@RequiresPostgres
class TargetLockAndSourceIT {

    static final int UPDATES = 2_000;
    static final int EVENTS_PER_UPDATE = 100;

    @TempDir
    Path dir;

    String postgres;

    @AfterEach
    void drop() throws SQLException {
        dropPostgresDatabase(postgres);
    }

    private Path filledSource(String name) throws SQLException {
        Path source = sqlite(dir.resolve(name));
        try (Connection c = openSqlite(source)) {
            fill(c, UPDATES, EVENTS_PER_UPDATE);
        }
        return source;
    }

    @Test
    void secondRunIntoTheSamePostgresDatabaseIsRefusedWhileTheFirstCopies() throws Exception {
        Path source = filledSource("source.db");
        postgres = createPostgresDatabase();

        try (Running first = start(source.toString(), postgres, () -> eventsIn(postgres))) {
            Result second = migrate("--from", source.toString(), "--to", postgres, "--resume");

            assertThat(second.code()).as(second.all()).isEqualTo(ExitCodes.REFUSED);
            assertThat(second.err())
                    .contains("another diun-migrate is copying into")
                    .contains("advisory lock");
            assertThat(first.finish()).as(first.output()).isZero();
            assertThat(first.output()).contains("result: identical");
        }
        // The lock went with the first run: the next one gets as far as finding the copy finished.
        Result afterwards = migrate("--from", source.toString(), "--to", postgres, "--resume");
        assertThat(afterwards.code()).as(afterwards.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(afterwards.err()).contains("no record of an unfinished copy");
    }

    @Test
    void secondRunIntoTheSameSqliteFileIsRefusedWhileTheFirstCopies() throws Exception {
        Path source = filledSource("source.db");
        Path target = dir.resolve("target.db");

        try (Running first = start(source.toString(), target.toString(), () -> eventsIn(target))) {
            Result second = migrate("--from", source.toString(), "--to", target.toString(), "--resume");

            assertThat(second.code()).as(second.all()).isEqualTo(ExitCodes.REFUSED);
            assertThat(second.err())
                    .contains("another diun-migrate is copying into")
                    .contains("target.db.migrate-lock");
            assertThat(first.finish()).as(first.output()).isZero();
        }
        Result afterwards = migrate("--from", source.toString(), "--to", target.toString(), "--resume");
        assertThat(afterwards.code()).as(afterwards.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(afterwards.err()).contains("no record of an unfinished copy");
    }

    @Test
    void resumeFromAnotherSourceIsRefusedAndFromTheSameOneFinishes() throws Exception {
        Path source = filledSource("source.db");
        Path other = sqlite(dir.resolve("other.db"));
        try (Connection c = openSqlite(other)) {
            fill(c, 10, 1);
        }
        postgres = createPostgresDatabase();
        try (Running first = start(source.toString(), postgres, () -> eventsIn(postgres))) {
            first.kill();
        }
        long copied = eventsIn(postgres);
        assertThat(copied).isBetween(1L, (long) UPDATES * EVENTS_PER_UPDATE - 1);

        Result wrong = migrate("--from", other.toString(), "--to", postgres, "--resume");
        Result wrongDry = migrate("--from", other.toString(), "--to", postgres, "--resume", "--dry-run");

        assertThat(wrong.code()).as(wrong.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(wrong.err())
                .contains("was started from SQLite database at " + source)
                .contains("not from SQLite database at " + other)
                .contains("resume with the same --from");
        assertThat(wrongDry.code()).as(wrongDry.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(eventsIn(postgres)).as("nothing written by the refused runs").isEqualTo(copied);

        // The same file under another name is the same source: its identity is its content's history.
        Path moved = Files.move(source, dir.resolve("moved.db"));
        Result resumed = migrate("--from", moved.toString(), "--to", postgres, "--resume");
        assertThat(resumed.code()).as(resumed.all()).isZero();
        assertThat(resumed.out()).contains("result: identical");
        try (Connection c = DriverManager.getConnection(postgres)) {
            assertThat(count(
                            c,
                            "SELECT count(*) FROM pg_tables WHERE tablename = '" + MigrateCommand.SOURCE_TABLE + "'"))
                    .as("a finished copy forgets its source")
                    .isZero();
        }
    }

    @Test
    void resumeIntoAFinishedCopyIsRefused() throws Exception {
        Path source = filledSource("source.db");
        Path other = sqlite(dir.resolve("other.db"));
        postgres = createPostgresDatabase();
        assertThat(migrate("--from", source.toString(), "--to", postgres).code())
                .isZero();

        Result fromOther = migrate("--from", other.toString(), "--to", postgres, "--resume");

        assertThat(fromOther.code()).as(fromOther.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(fromOther.err()).contains("no record of an unfinished copy");
    }

    /** The real jar copying in a process of its own, in small batches, once it has committed some events. */
    private static Running start(String from, String to, Supplier<Long> committedEvents) throws Exception {
        Path jar = Path.of(System.getProperty("diun.it.war")).resolveSibling("diun-migrate.jar");
        assertThat(jar).exists();
        Path log = Files.createTempFile("diun-migrate", ".log");
        Process p = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "--from",
                        from,
                        "--to",
                        to,
                        "--batch-rows",
                        "500"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Running running = new Running(p, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (committedEvents.get() < 2_000 && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(20);
        }
        assertThat(p.isAlive())
                .as("still copying when the second run starts:\n" + running.output())
                .isTrue();
        return running;
    }

    record Running(Process process, Path log) implements AutoCloseable {
        int finish() throws Exception {
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
            return process.exitValue();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        String output() {
            try {
                return Files.readString(log);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill();
            }
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
            return 0;
        }
    }
}
