package dev.diundashboard.migrate;

import static dev.diundashboard.migrate.MigrateFixtures.migrate;
import static dev.diundashboard.migrate.MigrateFixtures.openSqlite;
import static dev.diundashboard.migrate.MigrateFixtures.sqlite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.it.support.RequiresPostgres;
import dev.diundashboard.migrate.MigrateFixtures.Result;
import dev.diundashboard.migrate.MigrateFixtures.ScratchPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A value PostgreSQL cannot store exactly stops the copy with exit 4, naming table, row and column. */
@RequiresPostgres
class UnstorableValuesIT {

    @TempDir
    Path dir;

    @RegisterExtension
    final ScratchPostgres postgres = new ScratchPostgres();

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "NUL in text | image = CAST(X'610062' AS TEXT) | column image: contains a NUL character",
                "invalid UTF-8 | image = CAST(X'61C328' AS TEXT) | column image: invalid UTF-8",
                "duplicate JSON key | metadata = '{\"a\": 1, \"a\": 2}' | column metadata: JSON: Duplicate",
                "JSON \\u0000 | metadata = '{\"a\": \"x\\u0000\"}' | column metadata: JSON: a string contains \\u0000",
                "nanoseconds | created = '2024-01-01T00:00:00.123456789Z' | column created: '2024-01-01T00:00:00.1234567",
                "no offset | created = '2024-01-01 00:00:00' | column created: '2024-01-01 00:00:00' is not a timestamp"
            })
    void valueThePostgresTargetCannotStoreIsRefusedWithItsRow(String what, String change, String expected)
            throws Exception {
        Path source = sqlite(dir.resolve("source.db"));
        try (Connection c = openSqlite(source);
                Statement s = c.createStatement()) {
            for (int id = 1; id <= 5; id++) {
                s.execute("INSERT INTO updates (id, hostname, image, status, first_seen, last_seen) VALUES (" + id
                        + ", 'h', 'i" + id + "', 'new', '2024-01-01T00:00:00.000000Z', '2024-01-01T00:00:00.000000Z')");
            }
            s.execute("UPDATE updates SET " + change + " WHERE id = 4");
        }

        Result result = migrate("--from", source.toString(), "--to", postgres.url());

        assertThat(result.code()).as(result.all()).isEqualTo(ExitCodes.UNSTORABLE);
        assertThat(result.err()).contains("table updates, row 4, " + expected);
    }
}
