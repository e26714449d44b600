package dev.diundashboard.migrate;

import static dev.diundashboard.migrate.MigrateFixtures.count;
import static dev.diundashboard.migrate.MigrateFixtures.fill;
import static dev.diundashboard.migrate.MigrateFixtures.migrate;
import static dev.diundashboard.migrate.MigrateFixtures.openSqlite;
import static dev.diundashboard.migrate.MigrateFixtures.sqlite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.it.support.RequiresPostgres;
import dev.diundashboard.migrate.MigrateFixtures.Result;
import dev.diundashboard.migrate.MigrateFixtures.ScratchPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** --dry-run writes nothing anywhere; a target holding data is refused; the source is never written. */
@RequiresPostgres
class DryRunAndRefusalIT {

    @TempDir
    Path dir;

    Path source;

    @RegisterExtension
    final ScratchPostgres postgres = new ScratchPostgres();

    @BeforeEach
    void source() throws Exception {
        source = sqlite(dir.resolve("source.db"));
        try (Connection c = openSqlite(source)) {
            fill(c, 30, 4);
        }
    }

    @Test
    void dryRunToPostgresReportsCountsAndCreatesNothing() throws Exception {
        Result dry = migrate("--from", source.toString(), "--to", postgres.url(), "--dry-run");

        assertThat(dry.code()).as(dry.all()).isZero();
        assertThat(dry.out()).containsPattern("events\\s+120\\s+120").contains("nothing was written");
        try (Connection c = DriverManager.getConnection(postgres.url())) {
            assertThat(count(c, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                    .isZero();
        }
    }

    @Test
    void dryRunToAMissingSqliteFileDoesNotCreateIt() throws Exception {
        assertThat(migrate("--from", source.toString(), "--to", postgres.url()).code())
                .isZero();
        Path target = dir.resolve("not-there.db");

        Result dry = migrate("--from", postgres.url(), "--to", target.toString(), "--dry-run");

        assertThat(dry.code()).as(dry.all()).isZero();
        assertThat(dry.out()).contains("would be created").containsPattern("updates\\s+30\\s+30");
        assertThat(target).doesNotExist();
    }

    @Test
    void targetHoldingDataIsRefusedAndLeftUnchanged() throws Exception {
        assertThat(migrate("--from", source.toString(), "--to", postgres.url()).code())
                .isZero();
        try (Connection c = DriverManager.getConnection(postgres.url());
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM events WHERE id > 100");
        }

        Result again = migrate("--from", source.toString(), "--to", postgres.url());
        Result dry = migrate("--from", source.toString(), "--to", postgres.url(), "--dry-run");

        assertThat(again.code()).isEqualTo(ExitCodes.REFUSED);
        assertThat(again.err()).contains("already holds data").contains("--resume");
        assertThat(dry.code()).isEqualTo(ExitCodes.REFUSED);
        try (Connection c = DriverManager.getConnection(postgres.url())) {
            assertThat(count(c, "SELECT count(*) FROM events")).isEqualTo(100);
        }
    }

    @Test
    void sourceFileIsNotWrittenByACopy() throws Exception {
        String before = sha256(source);
        long modified = Files.getLastModifiedTime(source).toMillis();

        assertThat(migrate("--from", source.toString(), "--to", postgres.url()).code())
                .isZero();

        assertThat(sha256(source)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(source).toMillis()).isEqualTo(modified);
    }

    @Test
    void postgresSourceIsReadInAReadOnlyTransaction() throws Exception {
        assertThat(migrate("--from", source.toString(), "--to", postgres.url()).code())
                .isZero();
        try (Database db = Database.open(Database.settingsOf(postgres.url()), Database.Role.SOURCE);
                Statement s = db.connection.createStatement()) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> s.execute("DELETE FROM events")))
                    .hasMessageContaining("read-only transaction");
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
