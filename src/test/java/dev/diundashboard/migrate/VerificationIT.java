package dev.diundashboard.migrate;

import static dev.diundashboard.migrate.MigrateFixtures.fill;
import static dev.diundashboard.migrate.MigrateFixtures.migrate;
import static dev.diundashboard.migrate.MigrateFixtures.openSqlite;
import static dev.diundashboard.migrate.MigrateFixtures.sqlite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.it.support.RequiresPostgres;
import dev.diundashboard.migrate.MigrateFixtures.Result;
import dev.diundashboard.migrate.MigrateFixtures.ScratchPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The verification catches a target that does not hold what was copied, in both directions: a
 * target whose trigger alters a value as it is stored, drops a row, or adds one beyond the keys
 * copied ends in exit 1 with the table marked DIFFERENT, although every row was sent as it was read.
 */
@RequiresPostgres
class VerificationIT {

    static final int UPDATES = 300;
    static final int EVENTS_PER_UPDATE = 20;

    @TempDir
    Path dir;

    @RegisterExtension
    final ScratchPostgres postgres = new ScratchPostgres();

    private Path source() throws SQLException {
        Path source = sqlite(dir.resolve("source.db"));
        try (Connection c = openSqlite(source)) {
            fill(c, UPDATES, EVENTS_PER_UPDATE);
        }
        return source;
    }

    private static void assertDifferent(Result result, String table) {
        assertThat(result.code()).as(result.all()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(result.out()).contains("result: DIFFERENT");
        assertThat(result.out().lines().filter(l -> l.startsWith(table + " ")))
                .singleElement()
                .asString()
                .contains("DIFFERENT");
        assertThat(result.out().lines().filter(l -> l.contains("DIFFERENT") && !l.startsWith("result")))
                .as("only the altered table differs")
                .hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a value altered | NEW.status := 'altered'; RETURN NEW;",
                "a JSON value altered | NEW.payload := jsonb_set(NEW.payload, '{n}', '0'); RETURN NEW;",
                "a timestamp altered | NEW.received_at := NEW.received_at + interval '1 microsecond'; RETURN NEW;",
                "a row dropped | RETURN NULL;",
                "a row added beyond the keys copied | INSERT INTO events (id, update_id, received_at, payload)"
                        + " VALUES (999999, 1, now(), '{}');"
            })
    void aPostgresTargetThatDoesNotKeepARowAsSentIsFound(String what, String body) throws Exception {
        Path source = source();
        Flyway.configure()
                .dataSource(postgres.url(), null, null)
                .locations("classpath:db/migration/postgresql")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(postgres.url());
                Statement s = c.createStatement()) {
            s.execute("CREATE FUNCTION sabotage() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.id = 4321 THEN "
                    + body + " END IF; RETURN NEW; END $$");
            s.execute("CREATE TRIGGER sabotage BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION sabotage()");
        }

        assertDifferent(migrate("--from", source.toString(), "--to", postgres.url()), "events");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a JSON value altered | UPDATE events SET payload = json_set(payload, '$.n', 0) WHERE id = NEW.id",
                "a row dropped | DELETE FROM events WHERE id = NEW.id",
                "a row added beyond the keys copied | INSERT INTO events (id, update_id, received_at, payload)"
                        + " VALUES (999999, 1, '2024-01-01T00:00:00.000000Z', '{}')"
            })
    void aSqliteTargetThatDoesNotKeepARowAsSentIsFound(String what, String statement) throws Exception {
        Result seeded = migrate("--from", source().toString(), "--to", postgres.url());
        assertThat(seeded.code()).as(seeded.all()).isZero();
        Path target = sqlite(dir.resolve("target.db"));
        try (Connection c = openSqlite(target);
                Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER sabotage AFTER INSERT ON events WHEN NEW.id = 4321 BEGIN " + statement + "; END");
        }

        assertDifferent(migrate("--from", postgres.url(), "--to", target.toString()), "events");
    }
}
