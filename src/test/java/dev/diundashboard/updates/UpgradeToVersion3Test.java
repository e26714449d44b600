package dev.diundashboard.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.storage.MigratedDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Migration V3 on a database that already holds updates and their history, on both backends: each
 * update's previous digest comes from its own history, and the first classification gives the
 * stored updates their version jumps.
 */
class UpgradeToVersion3Test {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(MigratedDatabase.BothAtVersion2.class)
    void previousDigestsComeFromTheHistoryAndTheFirstClassificationFindsTheJumps(MigratedDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            update(db, c, 1, "docker.io/library/nginx:latest", "sha256:c");
            event(db, c, 1, 1, "sha256:a");
            event(db, c, 1, 2, "sha256:b");
            event(db, c, 1, 3, "sha256:b");
            event(db, c, 1, 4, null);
            event(db, c, 1, 5, "sha256:c");
            update(db, c, 2, "docker.io/library/nginx:1.27.2", "sha256:d");
            event(db, c, 2, 1, "sha256:d");
            update(db, c, 3, "docker.io/library/nginx:1.27.3", "sha256:e");
            event(db, c, 3, 2, "sha256:e");
        }

        db.migrate(null);

        try (Connection c = db.connect()) {
            Map<Long, String> rows = rows(db, c);
            assertThat(rows.get(1L)).isEqualTo("sha256:b " + T0.plusSeconds(3) + " null null");
            assertThat(rows.get(2L)).isEqualTo("null null null null");
            assertThat(Classification.refreshAll(c, StackKeys.DEFAULT))
                    .as("two jumps, and the third nginx gets only its release-notes link")
                    .isEqualTo(3);
            rows = rows(db, c);
            assertThat(rows.get(1L)).endsWith(" null digest");
            assertThat(rows.get(2L)).isEqualTo("null null null null");
            assertThat(rows.get(3L)).isEqualTo("null null 1.27.2 patch");
            assertThat(Classification.refreshAll(c, StackKeys.DEFAULT))
                    .as("nothing left to change")
                    .isZero();
        }
    }

    private static void update(MigratedDatabase db, Connection c, long id, String image, String digest)
            throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO updates (id, hostname, image, status, digest,"
                + " first_seen, last_seen) VALUES (?, 'nas', ?, 'update', ?, ?, ?)")) {
            s.setLong(1, id);
            s.setString(2, image);
            s.setString(3, digest);
            db.dialect().setInstant(s, 4, T0);
            db.dialect().setInstant(s, 5, T0.plusSeconds(5));
            s.executeUpdate();
        }
    }

    private static void event(MigratedDatabase db, Connection c, long updateId, int second, String digest)
            throws Exception {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO events (update_id, received_at, status, digest, payload) VALUES (?, ?, 'update', ?, ?)")) {
            s.setLong(1, updateId);
            db.dialect().setInstant(s, 2, T0.plusSeconds(second));
            s.setString(3, digest);
            db.dialect().setJson(s, 4, "{}");
            s.executeUpdate();
        }
    }

    private static Map<Long, String> rows(MigratedDatabase db, Connection c) throws Exception {
        Map<Long, String> rows = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, previous_digest, previous_seen_at, version_from,"
                        + " version_class FROM updates ORDER BY id")) {
            while (rs.next()) {
                rows.put(
                        rs.getLong(1),
                        rs.getString(2) + " " + db.dialect().getInstant(rs, "previous_seen_at") + " " + rs.getString(4)
                                + " " + rs.getString(5));
            }
        }
        return rows;
    }
}
