package dev.diundashboard.migrate;

import static dev.diundashboard.migrate.MigrateFixtures.createPostgresDatabase;
import static dev.diundashboard.migrate.MigrateFixtures.dropPostgresDatabase;
import static dev.diundashboard.migrate.MigrateFixtures.fill;
import static dev.diundashboard.migrate.MigrateFixtures.migrate;
import static dev.diundashboard.migrate.MigrateFixtures.openSqlite;
import static dev.diundashboard.migrate.MigrateFixtures.sqlite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.it.support.RequiresPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a copy, a new row gets an id that no row ever had, deleted rows included, both ways. */
@RequiresPostgres
class SequencesIT {

    String postgres;

    @AfterEach
    void drop() throws SQLException {
        dropPostgresDatabase(postgres);
    }

    @Test
    void rowInsertedAfterTheCopyGetsAnIdNeverUsedBefore(@TempDir Path dir) throws Exception {
        Path source = sqlite(dir.resolve("source.db"));
        try (Connection c = openSqlite(source);
                Statement s = c.createStatement()) {
            fill(c, 10, 3);
            // The newest rows were deleted: their ids 28..30 and 9..10 must not come back.
            s.execute("DELETE FROM events WHERE id > 27");
            s.execute("DELETE FROM updates WHERE id > 8");
            s.execute("INSERT INTO tags (name, created_at) VALUES ('gone', '2024-01-01T00:00:00.000000Z')");
            s.execute("DELETE FROM tags");
        }
        postgres = createPostgresDatabase();
        assertThat(migrate("--from", source.toString(), "--to", postgres).code())
                .isZero();

        try (Connection pg = DriverManager.getConnection(postgres);
                Statement s = pg.createStatement()) {
            assertThat(insertedId(s, "INSERT INTO events (update_id, received_at, payload) VALUES (1, now(), '{}')"))
                    .isEqualTo(31);
            assertThat(insertedId(
                            s,
                            "INSERT INTO updates (hostname, image, status, first_seen, last_seen)"
                                    + " VALUES ('h', 'new', 'new', now(), now())"))
                    .isEqualTo(11);
            assertThat(insertedId(s, "INSERT INTO tags (name, created_at) VALUES ('t', now())"))
                    .isEqualTo(2);
            // Used in PostgreSQL and deleted again before copying back.
            s.execute("DELETE FROM events WHERE id = 31");
        }

        Path back = dir.resolve("back.db");
        assertThat(migrate("--from", postgres, "--to", back.toString()).code()).isZero();
        try (Connection c = openSqlite(back);
                Statement s = c.createStatement()) {
            assertThat(insertedId(
                            s,
                            "INSERT INTO events (update_id, received_at, payload)"
                                    + " VALUES (1, '2024-01-01T00:00:00.000000Z', '{}')"))
                    .isEqualTo(32);
            assertThat(insertedId(
                            s,
                            "INSERT INTO updates (hostname, image, status, first_seen, last_seen)"
                                    + " VALUES ('h', 'newer', 'new', '2024-01-01T00:00:00.000000Z',"
                                    + " '2024-01-01T00:00:00.000000Z')"))
                    .isEqualTo(12);
        }
    }

    private static long insertedId(Statement s, String insert) throws SQLException {
        try (ResultSet rs = s.executeQuery(insert + " RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
