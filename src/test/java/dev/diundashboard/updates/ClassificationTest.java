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

/** The derived columns on both backends: written back in one statement, and only when they change. */
class ClassificationTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(MigratedDatabase.Both.class)
    void jumpsStacksAndIgnoreRulesFollowTheRulesBothWays(MigratedDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            insert(db, c, 1, "docker.io/library/nginx:1.27.2", null, "{\"stack\": \"web\"}");
            insert(db, c, 2, "docker.io/library/nginx:1.27.3", null, "{\"stack\": \"web\"}");
            insert(db, c, 3, "docker.io/library/redis:latest", "sha256:old", null);
            try (PreparedStatement rule = c.prepareStatement("INSERT INTO ignore_rules (id, image, version_class,"
                    + " created_at) VALUES (7, 'docker.io/library/*', 'patch', ?)")) {
                db.dialect().setInstant(rule, 1, T);
                rule.executeUpdate();
            }

            assertThat(Classification.refreshAll(c, StackKeys.DEFAULT)).isEqualTo(3);
            assertThat(rows(c))
                    .containsEntry(1L, "null null web null")
                    .containsEntry(2L, "1.27.2 patch web 7")
                    .containsEntry(3L, "null digest null null");
            assertThat(Classification.refreshAll(c, StackKeys.DEFAULT))
                    .as("nothing left to change")
                    .isZero();

            execute(c, "UPDATE ignore_rules SET version_class = 'digest' WHERE id = 7");
            assertThat(Classification.refreshAll(c, StackKeys.DEFAULT)).isEqualTo(2);
            assertThat(rows(c)).containsEntry(2L, "1.27.2 patch web null").containsEntry(3L, "null digest null 7");

            execute(c, "UPDATE ignore_rules SET version_class = 'patch' WHERE id = 7");
            assertThat(Classification.refreshAll(c, StackKeys.DEFAULT)).isEqualTo(2);
            assertThat(rows(c))
                    .as("a rule that no longer matches an update without a stack")
                    .containsEntry(3L, "null digest null null")
                    .containsEntry(2L, "1.27.2 patch web 7");
            execute(c, "UPDATE ignore_rules SET version_class = 'digest' WHERE id = 7");
            assertThat(Classification.refreshAll(c, StackKeys.DEFAULT)).isEqualTo(2);

            execute(c, "DELETE FROM ignore_rules");
            assertThat(rows(c)).as("ON DELETE SET NULL").containsEntry(3L, "null digest null null");
            assertThat(Classification.refreshAll(c, StackKeys.DEFAULT)).isZero();
        }
    }

    private static void insert(
            MigratedDatabase db, Connection c, long id, String image, String previous, String metadata)
            throws Exception {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO updates (id, hostname, image, status, digest,"
                        + " previous_digest, metadata, first_seen, last_seen) VALUES (?, 'nas', ?, 'new', 'sha256:x', ?, ?, ?, ?)")) {
            s.setLong(1, id);
            s.setString(2, image);
            s.setString(3, previous);
            db.dialect().setJson(s, 4, metadata);
            db.dialect().setInstant(s, 5, T);
            db.dialect().setInstant(s, 6, T);
            s.executeUpdate();
        }
    }

    private static void execute(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static Map<Long, String> rows(Connection c) throws Exception {
        Map<Long, String> rows = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT id, version_from, version_class, stack, ignored_by FROM updates ORDER BY id")) {
            while (rs.next()) {
                rows.put(
                        rs.getLong(1),
                        rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " " + rs.getString(5));
            }
        }
        return rows;
    }
}
