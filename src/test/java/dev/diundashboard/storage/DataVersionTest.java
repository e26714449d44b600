package dev.diundashboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** The data version of migration V2 on both backends: what moves it, when others see it, folding. */
class DataVersionTest {

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(MigratedDatabase.Both.class)
    void everyKindOfWriteToWhatThePagesShowMovesTheVersion(MigratedDatabase db) throws Exception {
        DataVersion version = new DataVersion(db::connect);
        Instant now = Instant.parse("2026-12-05T10:00:00Z");
        Map<String, String> writes = new LinkedHashMap<>();
        writes.put(
                "insert an update",
                "INSERT INTO updates (id, hostname, image, status, first_seen, last_seen)"
                        + " VALUES (7, 'h', 'i', 'new', ?, ?)");
        writes.put("change an update", "UPDATE updates SET seen_count = 2, last_seen = ?, first_seen = ? WHERE id = 7");
        writes.put(
                "insert an event",
                "INSERT INTO events (update_id, received_at, payload) VALUES (7, ?, '{}'), (7, ?, '{}')");
        writes.put("insert a tag", "INSERT INTO tags (id, name, created_at) VALUES (3, 't', ?)");
        writes.put("assign a tag", "INSERT INTO tag_assignments (update_id, tag_id) VALUES (7, 3)");
        writes.put("rename a tag", "UPDATE tags SET name = 'u', created_at = ? WHERE id = 3");
        writes.put("unassign a tag", "DELETE FROM tag_assignments WHERE update_id = 7");
        writes.put("delete a tag", "DELETE FROM tags WHERE id = 3");
        writes.put("delete events", "DELETE FROM events WHERE update_id = 7");
        writes.put("delete an update", "DELETE FROM updates WHERE id = 7");
        try (Connection c = db.connect()) {
            for (var write : writes.entrySet()) {
                long before = version.current();
                try (PreparedStatement s = c.prepareStatement(write.getValue())) {
                    for (int i = 1; i <= s.getParameterMetaData().getParameterCount(); i++) {
                        db.dialect().setInstant(s, i, now);
                    }
                    assertThat(s.executeUpdate()).as(write.getKey()).isPositive();
                }
                assertThat(version.current()).as(write.getKey()).isGreaterThan(before);
            }
            long before = version.current();
            try (Statement s = c.createStatement()) {
                s.executeQuery("SELECT count(*) FROM updates").close();
                s.executeUpdate("UPDATE webhook_tokens SET name = 'x' WHERE id = -1");
            }
            assertThat(version.current()).as("a read, a write to another table").isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(MigratedDatabase.Both.class)
    void othersSeeTheNewVersionWithTheCommitAndARollbackLeavesItAlone(MigratedDatabase db) throws Exception {
        DataVersion version = new DataVersion(db::connect);
        long before = version.current();
        try (Connection c = db.connect()) {
            db.dialect().begin(c);
            insertTag(c, db, "rolled-back");
            assertThat(version.current()).isEqualTo(before);
            db.dialect().rollback(c);
            assertThat(version.current()).isEqualTo(before);

            db.dialect().begin(c);
            insertTag(c, db, "committed");
            assertThat(version.current()).isEqualTo(before);
            db.dialect().commit(c);
            assertThat(version.current()).isGreaterThan(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(MigratedDatabase.Both.class)
    void concurrentWritersDoNotWaitForEachOtherOverTheVersion(MigratedDatabase db) throws Exception {
        Assumptions.assumeFalse(db.dialect().serializesWrites(), "one writer at a time by design");
        DataVersion version = new DataVersion(db::connect);
        long before = version.current();
        try (Connection a = db.connect();
                Connection b = db.connect()) {
            try (Statement s = b.createStatement()) {
                s.execute("SET lock_timeout = '2s'");
            }
            db.dialect().begin(a);
            db.dialect().begin(b);
            insertTag(a, db, "first");
            insertTag(b, db, "second"); // would wait for a's commit (and time out) if they shared a row
            db.dialect().commit(b);
            long afterB = version.current();
            assertThat(afterB).isGreaterThan(before);
            db.dialect().commit(a);
            assertThat(version.current()).isGreaterThan(afterB);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(MigratedDatabase.Both.class)
    void foldingKeepsTheVersionAndTheRowsOfLiveSessions(MigratedDatabase db) throws Exception {
        DataVersion version = new DataVersion(db::connect);
        try (Connection c = db.connect()) {
            insertTag(c, db, "fold"); // a row for this session on PostgreSQL
            db.dialect().foldDataVersion(c); // the rows the migrations' own sessions left
            if (!db.dialect().serializesWrites()) {
                try (Statement s = c.createStatement()) {
                    // Rows as ended sessions leave them: pids that no server process has now.
                    s.executeUpdate("INSERT INTO data_version (slot, changes) VALUES (-1, 5), (-2, 7)");
                }
            }
            long before = version.current();
            long rowsBefore = rows(c);

            db.dialect().foldDataVersion(c);

            assertThat(version.current()).isEqualTo(before);
            if (db.dialect().serializesWrites()) {
                assertThat(rows(c)).isEqualTo(rowsBefore).isEqualTo(1);
            } else {
                assertThat(rows(c)).isEqualTo(rowsBefore - 2);
                insertTag(c, db, "after the fold"); // the live session's own row is still there
                assertThat(version.current()).isEqualTo(before + 1);
            }
        }
    }

    private static void insertTag(Connection c, MigratedDatabase db, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO tags (name, created_at) VALUES (?, ?)")) {
            s.setString(1, name);
            db.dialect().setInstant(s, 2, Instant.now());
            s.executeUpdate();
        }
    }

    private static long rows(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
