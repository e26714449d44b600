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

    /**
     * From schema version 6 with data: the first classification gives the stored updates their
     * release-notes links; an operator's template wins over the built-in mapping where it gives a
     * link, and a host alias reaches every update of its host; both go again when deleted.
     */
    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(MigratedDatabase.BothAtVersion6.class)
    void linkTemplatesAndHostAliasesReachStoredUpdatesAfterTheUpgrade(MigratedDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            insert(db, c, 1, "ghcr.io/acme/api:v2.1.0", null, null);
            insert(db, c, 2, "registry.example.com/team/app:1.4.2", null, null);
            insert(db, c, 3, "registry.example.com/team/app:latest", null, null);
        }

        db.migrate(null);

        try (Connection c = db.connect()) {
            assertThat(links(c)).containsEntry(1L, "null null").containsEntry(2L, "null null");
            assertThat(Classification.refreshAll(c, StackKeys.DEFAULT)).isEqualTo(1);
            assertThat(links(c))
                    .containsEntry(1L, "https://github.com/acme/api/releases/tag/v2.1.0 null")
                    .containsEntry(2L, "null null")
                    .containsEntry(3L, "null null");

            try (PreparedStatement link = c.prepareStatement(
                            "INSERT INTO link_templates (id, image, template," + " created_at) VALUES (?, ?, ?, ?)");
                    PreparedStatement alias = c.prepareStatement(
                            "INSERT INTO host_aliases (hostname, alias, updated_at) VALUES ('nas', 'NAS in the attic', ?)")) {
                template(
                        db,
                        link,
                        5,
                        "registry.example.com/team/*",
                        "https://git.example.com/{owner}/{repo}/v{version}");
                template(db, link, 6, "**", "https://notes.example.com/{owner}/{repo}/{tag}");
                db.dialect().setInstant(alias, 1, T);
                alias.executeUpdate();
            }
            assertThat(Classification.refreshAll(c, StackKeys.DEFAULT)).isEqualTo(3);
            assertThat(links(c))
                    .as("the first template that gives a link wins, before the built-in mapping")
                    .containsEntry(1L, "https://notes.example.com/acme/api/v2.1.0 NAS in the attic")
                    .containsEntry(2L, "https://git.example.com/team/app/v1.4.2 NAS in the attic")
                    .as("a template with {version} gives no link for a tag that is not a version")
                    .containsEntry(3L, "https://notes.example.com/team/app/latest NAS in the attic");

            execute(c, "DELETE FROM link_templates");
            execute(c, "DELETE FROM host_aliases");
            assertThat(Classification.refreshAll(c, StackKeys.DEFAULT)).isEqualTo(3);
            assertThat(links(c))
                    .containsEntry(1L, "https://github.com/acme/api/releases/tag/v2.1.0 null")
                    .containsEntry(3L, "null null");
        }
    }

    private static void template(MigratedDatabase db, PreparedStatement s, long id, String image, String template)
            throws Exception {
        s.setLong(1, id);
        s.setString(2, image);
        s.setString(3, template);
        db.dialect().setInstant(s, 4, T);
        s.executeUpdate();
    }

    private static Map<Long, String> links(Connection c) throws Exception {
        Map<Long, String> rows = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, release_notes_url, host_alias FROM updates ORDER BY id")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getString(2) + " " + rs.getString(3));
            }
        }
        return rows;
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
