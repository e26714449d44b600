package dev.diundashboard.notify;

import dev.diundashboard.storage.Dialect;
import dev.diundashboard.updates.UpdateQueries;
import dev.diundashboard.updates.UpdateView;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what channels must send into the {@code outbox} table, in the caller's transaction, so that a
 * message exists exactly when the change that causes it is committed:
 *
 * <ul>
 *   <li>after a batch of webhooks, for every update the batch made pending: an {@code each} row per
 *       matching channel in mode each (unless one for that update still waits), and for channels in
 *       mode run a {@code run} row per host whose window is not open yet (it closes {@code
 *       windowSeconds} after the first notification; what arrives until then joins it);
 *   <li>when a digest channel's time comes: one {@code digest} row, claimed by moving the channel's
 *       {@code next_digest_at} on only if no other instance moved it first.
 * </ul>
 *
 * What a row says is decided when it is sent, from what is pending then (see {@link Messages}).
 */
public final class Outbox {

    private static final String EACH = "INSERT INTO outbox (channel_id, kind, state, update_id, created_at, due_at,"
            + " attempts) SELECT ?, 'each', 'pending', ?, ?, ?, 0 WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE"
            + " channel_id = ? AND kind = 'each' AND update_id = ? AND state = 'pending')";

    private static final String RUN = "INSERT INTO outbox (channel_id, kind, state, hostname, window_start, created_at,"
            + " due_at, attempts) SELECT ?, 'run', 'pending', ?, ?, ?, ?, 0 WHERE NOT EXISTS (SELECT 1 FROM outbox"
            + " WHERE channel_id = ? AND kind = 'run' AND hostname = ? AND state = 'pending' AND due_at > ?)";

    private static final String DIGEST =
            "INSERT INTO outbox (channel_id, kind, state, window_start, created_at, due_at,"
                    + " attempts) VALUES (?, 'digest', 'pending', ?, ?, ?, 0)";

    private Outbox() {}

    /** A channel that tells of arriving updates: mode each or run. */
    private record Listener(long id, String mode, int windowSeconds, ChannelFilter filter) {}

    /**
     * After a batch of webhooks: rows for the updates it made pending (a new image, or a new digest
     * that re-opened one), which must be pending still.
     */
    public static void afterIngest(Connection connection, Dialect dialect, List<UpdateView> madePending, Instant now)
            throws SQLException {
        if (madePending.isEmpty()) {
            return;
        }
        List<Listener> listeners = listeners(connection);
        if (listeners.isEmpty()) {
            return;
        }
        try (PreparedStatement each = connection.prepareStatement(EACH);
                PreparedStatement run = connection.prepareStatement(RUN)) {
            for (UpdateView u : madePending) {
                if (!UpdateQueries.isPending(u)) {
                    continue;
                }
                ChannelFilter.Candidate candidate = candidate(u);
                for (Listener listener : listeners) {
                    if (!listener.filter().matches(candidate)) {
                        continue;
                    }
                    if (listener.mode().equals("each")) {
                        each.setLong(1, listener.id());
                        each.setLong(2, u.id());
                        dialect.setInstant(each, 3, now);
                        dialect.setInstant(each, 4, now);
                        each.setLong(5, listener.id());
                        each.setLong(6, u.id());
                        each.executeUpdate();
                    } else {
                        run.setLong(1, listener.id());
                        run.setString(2, u.hostname());
                        dialect.setInstant(run, 3, now);
                        dialect.setInstant(run, 4, now);
                        dialect.setInstant(run, 5, now.plus(Duration.ofSeconds(listener.windowSeconds())));
                        run.setLong(6, listener.id());
                        run.setString(7, u.hostname());
                        dialect.setInstant(run, 8, now);
                        run.executeUpdate();
                    }
                }
            }
        }
    }

    /**
     * Queues a digest for every digest channel whose time has come, and moves its next time on; returns
     * how many. Instances sharing a database race for each: only the one whose update moves {@code
     * next_digest_at} from the value it read queues it.
     */
    public static int dueDigests(Connection connection, Dialect dialect, Instant now) throws SQLException {
        record Due(long id, Instant at, Schedule schedule) {}
        List<Due> due = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, next_digest_at, schedule FROM channels WHERE mode = 'digest' AND next_digest_at <= ?")) {
            dialect.setInstant(select, 1, now);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    JsonObject schedule = Channel.json(rs.getString("schedule"));
                    due.add(new Due(
                            rs.getLong("id"), dialect.getInstant(rs, "next_digest_at"), Schedule.parse(schedule)));
                }
            }
        }
        int queued = 0;
        try (PreparedStatement move = connection.prepareStatement(
                        "UPDATE channels SET next_digest_at = ? WHERE id = ? AND next_digest_at = ?");
                PreparedStatement insert = connection.prepareStatement(DIGEST)) {
            for (Due d : due) {
                dialect.setInstant(move, 1, d.schedule().next(now));
                move.setLong(2, d.id());
                dialect.setInstant(move, 3, d.at());
                if (move.executeUpdate() == 1) {
                    insert.setLong(1, d.id());
                    dialect.setInstant(insert, 2, d.at());
                    dialect.setInstant(insert, 3, now);
                    dialect.setInstant(insert, 4, now);
                    insert.executeUpdate();
                    queued++;
                }
            }
        }
        return queued;
    }

    private static List<Listener> listeners(Connection connection) throws SQLException {
        List<Listener> listeners = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT id, mode, window_seconds, filter FROM channels WHERE mode IN ('each', 'run') ORDER BY id");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String filter = rs.getString("filter");
                listeners.add(new Listener(
                        rs.getLong("id"),
                        rs.getString("mode"),
                        rs.getInt("window_seconds"),
                        ChannelFilter.stored(filter)));
            }
        }
        return listeners;
    }

    static ChannelFilter.Candidate candidate(UpdateView u) {
        return new ChannelFilter.Candidate(
                u.hostname(),
                u.tag() == null ? null : u.tag().id(),
                u.stack(),
                u.version() == null ? null : u.version().versionClass());
    }
}
