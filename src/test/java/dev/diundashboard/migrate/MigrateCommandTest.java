package dev.diundashboard.migrate;

import static dev.diundashboard.migrate.MigrateFixtures.migrate;
import static dev.diundashboard.migrate.MigrateFixtures.sqlite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.migrate.MigrateFixtures.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument checks and refusals that need no PostgreSQL. */
class MigrateCommandTest {

    @TempDir
    Path dir;

    @Test
    void missingTargetIsAUsageError() {
        Result r = migrate("--from", "a.db");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--to");
    }

    @Test
    void helpListsTheExitCodes() {
        Result r = migrate("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--dry-run", "--resume", "Exit codes:", "4   a value the target cannot store");
    }

    @Test
    void copyingADatabaseOntoItselfIsRefused() {
        Path db = sqlite(dir.resolve("same.db"));
        Result r = migrate(
                "--from", db.toString(), "--to", dir.resolve("./same.db").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.REFUSED);
        assertThat(r.err()).contains("same database");
    }

    @Test
    void missingSourceFileIsADatabaseErrorAndIsNotCreated() {
        Path missing = dir.resolve("missing.db");
        Result r = migrate(
                "--from", missing.toString(), "--to", dir.resolve("t.db").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.DATABASE);
        assertThat(r.err()).contains("no SQLite file at");
        assertThat(missing).doesNotExist();
    }

    @Test
    void malformedPostgresUrlIsRefusedWithoutItsPassword() {
        Result r = migrate("--from", dir.resolve("a.db").toString(), "--to", "postgres://u:s3cret@/nodb");
        assertThat(r.code()).isEqualTo(ExitCodes.REFUSED);
        assertThat(r.all()).doesNotContain("s3cret");
    }

    @Test
    void sourceWithoutTheSchemaIsRefused() throws Exception {
        Path empty = dir.resolve("empty.db");
        try (var c = MigrateFixtures.openSqlite(empty)) {
            c.createStatement().execute("CREATE TABLE other (x)");
        }
        Result r =
                migrate("--from", empty.toString(), "--to", dir.resolve("t.db").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.REFUSED);
        assertThat(r.err()).contains("has no DiunDashboard schema");
    }

    @Test
    void sqliteToSqliteCopyIsVerifiedIdentical() throws Exception {
        Path source = sqlite(dir.resolve("source.db"));
        try (var c = MigrateFixtures.openSqlite(source)) {
            MigrateFixtures.fill(c, 5, 2);
        }
        Result r = migrate(
                "--from", source.toString(), "--to", dir.resolve("copy.db").toString());
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("result: identical").containsPattern("events\\s+10\\s+10\\s+match");
    }
}
