package dev.diundashboard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.storage.MigratedDatabase;
import dev.diundashboard.updates.UpdateView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The outbox on both backends: which rows a batch of webhooks and a due digest write, and what each
 * row says when it is sent (only what is pending then, and what the channel's filter lets through).
 */
class OutboxTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(MigratedDatabase.Both.class)
    void eachAndRunRowsAreWrittenOnceAndSayOnlyWhatIsStillPending(MigratedDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            channel(db, c, 1, "each", null, null);
            channel(db, c, 2, "run", null, "{\"host\": \"nas\"}");
            channel(db, c, 3, "each", null, "{\"class\": \"major\"}");
            update(db, c, 10, "nas", "docker.io/library/nginx:1.27.3", T);
            update(db, c, 11, "nas", "docker.io/library/redis:7", T);
            update(db, c, 12, "pi", "docker.io/library/mosquitto:2", T);

            Outbox.afterIngest(c, db.dialect(), views(db, c, 10, 11, 12), T);
            Outbox.afterIngest(c, db.dialect(), views(db, c, 10), T.plusSeconds(5));

            assertThat(rows(c))
                    .as(
                            "each: one waiting row per update; run: one per host the filter lets through; class major: none")
                    .containsExactly("1 each 10 null", "2 run null nas", "1 each 11 null", "1 each 12 null");

            Messages.Row run = new Messages.Row(0, "run", null, "nas", T, T.plusSeconds(60));
            Message message = Messages.of(c, db.dialect(), run, ChannelFilter.ALL, "https://diun.example.com");
            assertThat(message.title()).isEqualTo("2 updates on nas");
            assertThat(message.items())
                    .extracting(Message.Item::image)
                    .containsExactlyInAnyOrder("docker.io/library/nginx:1.27.3", "docker.io/library/redis:7");

            execute(c, "UPDATE updates SET acknowledged_at = last_seen WHERE id = 11");
            execute(c, "UPDATE updates SET snoozed_until = last_seen WHERE id = 12");
            assertThat(Messages.of(c, db.dialect(), run, ChannelFilter.ALL, null)
                            .items())
                    .extracting(Message.Item::image)
                    .containsExactly("docker.io/library/nginx:1.27.3");
            assertThat(Messages.of(
                            c,
                            db.dialect(),
                            new Messages.Row(0, "each", 12L, null, null, null),
                            ChannelFilter.ALL,
                            null))
                    .as("snoozed before it went out: nothing to say")
                    .isNull();
            assertThat(Messages.of(
                            c,
                            db.dialect(),
                            new Messages.Row(0, "run", null, "nas", T.plusSeconds(61), T.plusSeconds(120)),
                            ChannelFilter.ALL,
                            null))
                    .as("outside the window")
                    .isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(MigratedDatabase.Both.class)
    void aDigestIsQueuedOncePerSlotAndAnEmptyOneSaysNothing(MigratedDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            channel(db, c, 5, "digest", "{\"every\": \"day\", \"at\": \"08:00\", \"zone\": \"UTC\"}", null);
            setInstant(
                    db,
                    c,
                    "UPDATE channels SET next_digest_at = ? WHERE id = 5",
                    Instant.parse("2026-12-06T08:00:00Z"));

            assertThat(Outbox.dueDigests(c, db.dialect(), Instant.parse("2026-12-06T07:59:59Z")))
                    .isZero();
            assertThat(Outbox.dueDigests(c, db.dialect(), Instant.parse("2026-12-06T08:00:01Z")))
                    .isEqualTo(1);
            assertThat(Outbox.dueDigests(c, db.dialect(), Instant.parse("2026-12-06T08:00:02Z")))
                    .as("another instance, a moment later")
                    .isZero();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT next_digest_at FROM channels WHERE id = 5")) {
                rs.next();
                assertThat(db.dialect().getInstant(rs, "next_digest_at")).isEqualTo("2026-12-07T08:00:00Z");
            }
            assertThat(rows(c)).containsExactly("5 digest null null");

            Messages.Row digest = new Messages.Row(0, "digest", null, null, null, null);
            assertThat(Messages.of(c, db.dialect(), digest, ChannelFilter.ALL, null))
                    .as("nothing pending")
                    .isNull();
            update(db, c, 20, "nas", "docker.io/library/nginx:1.28.0", T);
            update(db, c, 21, "pi", "docker.io/library/nginx:1.28.0", T);
            Message message = Messages.of(c, db.dialect(), digest, new ChannelFilter("p*", null, null, null), null);
            assertThat(message.title()).isEqualTo("1 update is pending");
            assertThat(message.items()).extracting(Message.Item::hostname).containsExactly("pi");
        }
    }

    private static void channel(MigratedDatabase db, Connection c, long id, String mode, String schedule, String filter)
            throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO channels (id, name, type, mode, window_seconds,"
                + " schedule, filter, config, created_at) VALUES (?, 'c', 'webhook', ?, 60, ?, ?, ?, ?)")) {
            s.setLong(1, id);
            s.setString(2, mode);
            s.setString(3, schedule);
            s.setString(4, filter);
            s.setString(5, "{\"url\": \"https://h.example.com\", \"method\": \"POST\", \"headers\": {}}");
            db.dialect().setInstant(s, 6, T);
            s.executeUpdate();
        }
    }

    private static void update(MigratedDatabase db, Connection c, long id, String host, String image, Instant at)
            throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO updates (id, hostname, image, status, digest,"
                + " first_seen, last_seen) VALUES (?, ?, ?, 'new', 'sha256:x', ?, ?)")) {
            s.setLong(1, id);
            s.setString(2, host);
            s.setString(3, image);
            db.dialect().setInstant(s, 4, at);
            db.dialect().setInstant(s, 5, at);
            s.executeUpdate();
        }
    }

    private static List<UpdateView> views(MigratedDatabase db, Connection c, long... ids) throws Exception {
        List<UpdateView> views = new ArrayList<>();
        for (long id : ids) {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM updates WHERE id = ?")) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    views.add(UpdateView.read(rs, db.dialect()));
                }
            }
        }
        return views;
    }

    private static List<String> rows(Connection c) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT channel_id, kind, update_id, hostname FROM outbox ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        }
        return rows;
    }

    private static void execute(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static void setInstant(MigratedDatabase db, Connection c, String sql, Instant at) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            db.dialect().setInstant(s, 1, at);
            s.executeUpdate();
        }
    }
}
