package dev.diundashboard.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.storage.MigratedDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** The grouped count behind the pending gauges, on both backends: pending as the summary means it. */
class PendingGroupsTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(MigratedDatabase.Both.class)
    void onlyPendingUpdatesCountGroupedByHostStackAndClass(MigratedDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            insert(db, c, 1, "nas", "docker.io/library/nginx:1", "media", "patch");
            insert(db, c, 2, "nas", "docker.io/library/nginx:2", "media", "patch");
            insert(db, c, 3, "nas", "docker.io/library/redis:7", null, null);
            insert(db, c, 4, "pi", "docker.io/library/pihole:1", "dns", "digest");
            insert(db, c, 5, "pi", "docker.io/library/acked:1", "dns", "digest");
            insert(db, c, 6, "pi", "docker.io/library/snoozed:1", "dns", "digest");
            insert(db, c, 7, "pi", "docker.io/library/ignored:1", "dns", "digest");
            insert(db, c, 8, "pi", UpdateView.TEST_NOTIFICATION_IMAGE, null, null);
            try (PreparedStatement rule =
                    c.prepareStatement("INSERT INTO ignore_rules (id, image, created_at) VALUES (1, 'x', ?)")) {
                db.dialect().setInstant(rule, 1, T);
                rule.executeUpdate();
            }
            set(db, c, "acknowledged_at", 5);
            set(db, c, "snoozed_until", 6);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE updates SET ignored_by = 1 WHERE id = 7");
            }

            List<PendingGroup> groups = UpdateQueries.pendingGroups(c).stream()
                    .sorted(Comparator.comparing(PendingGroup::hostname).thenComparing(g -> String.valueOf(g.stack())))
                    .toList();

            assertThat(groups)
                    .containsExactly(
                            new PendingGroup("nas", "media", "patch", 2),
                            new PendingGroup("nas", null, null, 1),
                            new PendingGroup("pi", "dns", "digest", 1));
        }
    }

    private static void insert(
            MigratedDatabase db, Connection c, long id, String host, String image, String stack, String versionClass)
            throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO updates (id, hostname, image, status, digest,"
                + " stack, version_class, first_seen, last_seen) VALUES (?, ?, ?, 'new', 'sha256:x', ?, ?, ?, ?)")) {
            s.setLong(1, id);
            s.setString(2, host);
            s.setString(3, image);
            s.setString(4, stack);
            s.setString(5, versionClass);
            db.dialect().setInstant(s, 6, T);
            db.dialect().setInstant(s, 7, T);
            s.executeUpdate();
        }
    }

    private static void set(MigratedDatabase db, Connection c, String column, long id) throws Exception {
        try (PreparedStatement s = c.prepareStatement("UPDATE updates SET " + column + " = ? WHERE id = ?")) {
            db.dialect().setInstant(s, 1, T);
            s.setLong(2, id);
            s.executeUpdate();
        }
    }
}
