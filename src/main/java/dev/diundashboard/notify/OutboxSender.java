package dev.diundashboard.notify;

import dev.diundashboard.observe.DeliveryMetrics;
import dev.diundashboard.storage.Dialect;
import dev.diundashboard.storage.DirectConnections;
import dev.diundashboard.storage.SchemaStatus;
import dev.diundashboard.storage.StorageException;
import dev.diundashboard.storage.WriteGate;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the outbox, on every instance, every {@value #TICK_SECONDS} s: queues the digests that
 * came due, claims due rows (each by exactly one instance: a conditional update, after {@code FOR
 * UPDATE SKIP LOCKED} on PostgreSQL), sends each outside any transaction, and records how it went.
 * A failed attempt is retried after {@code OUTBOX_RETRY_SECONDS}, doubling each time up to an hour
 * (longer when the target asks with {@code Retry-After}); after {@code OUTBOX_MAX_ATTEMPTS} attempts the
 * row is failed and waits for an operator's retry. A claim lapses after {@value #CLAIM_SECONDS} s, so
 * that rows an instance claimed when it died are sent by another (or by it, after its restart): a
 * message is sent twice only if its instance dies after the target accepted it and before the
 * outcome was recorded. Sent and skipped rows go after {@code KEPT}, checked hourly.
 */
@ApplicationScoped
public class OutboxSender {

    static final int TICK_SECONDS = 2;
    static final int CLAIM_SECONDS = 120;
    static final int BATCH = 20;
    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    /** Sent and skipped deliveries are kept this long, for the page and the API; failed ones until retried or deleted. */
    static final Duration KEPT = Duration.ofDays(30);

    private static final Logger LOG = Logger.getLogger(OutboxSender.class.getName());

    @Inject
    Dialect dialect;

    @Inject
    DirectConnections connections;

    @Inject
    WriteGate writes;

    @Inject
    SchemaStatus schema;

    @Inject
    Transports transports;

    @Inject
    NotifySettings settings;

    @Inject
    DeliveryMetrics metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> ticking;
    private String dashboardUrl;
    private int retrySeconds;
    private int maxAttempts;
    private Instant nextPrune = Instant.EPOCH;

    /** A claimed row with its channel. */
    record Claimed(Messages.Row row, int attempts, ChannelConfig config, ChannelFilter filter) {}

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        dashboardUrl = settings.dashboardUrl(); // a bad value stops the application here
        retrySeconds = settings.retrySeconds();
        maxAttempts = settings.maxAttempts();
        ticking = scheduler.scheduleWithFixedDelay(this::tick, TICK_SECONDS, TICK_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }

    void tick() {
        if (schema.refusal() != null) {
            return;
        }
        try {
            Instant now = now();
            if (now.isAfter(nextPrune)) {
                writes.run(() -> transaction(c -> prune(c, now)));
                nextPrune = now.plus(Duration.ofHours(1));
            }
            // Reads first: on SQLite every write transaction takes the one write lock, which webhooks wait for.
            if (read(c -> exists(c, "SELECT 1 FROM channels WHERE mode = 'digest' AND next_digest_at <= ?", now))) {
                writes.run(() -> transaction(c -> Outbox.dueDigests(c, dialect, now)));
            }
            if (!read(c -> exists(c, "SELECT 1 FROM outbox WHERE state = 'pending' AND due_at <= ?", now))) {
                return;
            }
            List<Claimed> claimed = writes.run(() -> transaction(c -> claim(c, now)));
            for (Claimed c : claimed) {
                deliver(c);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "the outbox could not be worked on; the next tick tries again", e);
        }
    }

    private void deliver(Claimed claimed) {
        Message message = read(c -> Messages.of(c, dialect, claimed.row(), claimed.filter(), dashboardUrl));
        Instant now = now();
        if (message == null) {
            writes.run(
                    () -> transaction(c -> finish(c, claimed, "skipped", "nothing it would tell of is pending", now)));
            return;
        }
        Transports.Attempt attempt = transports.send(claimed.config(), message);
        Instant after = now();
        String type = claimed.config().type().label();
        if (attempt.delivered()) {
            writes.run(() -> transaction(c -> finish(c, claimed, "sent", attempt.answer(), after)));
            metrics.record(type, DeliveryMetrics.Outcome.SENT);
        } else {
            boolean last = writes.run(() -> transaction(c -> failed(c, claimed, attempt, after)));
            metrics.record(type, last ? DeliveryMetrics.Outcome.FAILED : DeliveryMetrics.Outcome.RETRIED);
        }
    }

    private List<Claimed> claim(Connection c, Instant now) throws SQLException {
        List<Claimed> rows = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT o.id, o.kind, o.update_id, o.hostname, o.window_start, o.attempts, ch.window_seconds, ch.type,"
                        + " ch.config, ch.filter FROM outbox o JOIN channels ch ON ch.id = o.channel_id"
                        + " WHERE o.state = 'pending' AND o.due_at <= ? AND (o.claimed_until IS NULL OR"
                        + " o.claimed_until < ?) ORDER BY o.due_at, o.id LIMIT " + BATCH
                        + dialect.skipLocked("o"))) {
            dialect.setInstant(select, 1, now);
            dialect.setInstant(select, 2, now);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long updateId = rs.getLong("update_id");
                    Long update = rs.wasNull() ? null : updateId;
                    String filter = rs.getString("filter");
                    // A run's window ends where it ended when the row was written, whatever its
                    // retries did to due_at since.
                    Instant window = dialect.getInstant(rs, "window_start");
                    rows.add(new Claimed(
                            new Messages.Row(
                                    rs.getLong("id"),
                                    rs.getString("kind"),
                                    update,
                                    rs.getString("hostname"),
                                    window,
                                    window == null ? null : window.plusSeconds(rs.getInt("window_seconds"))),
                            rs.getInt("attempts"),
                            ChannelConfig.merged(
                                    ChannelType.parse(rs.getString("type")),
                                    Channel.json(rs.getString("config")),
                                    null),
                            ChannelFilter.stored(filter)));
                }
            }
        }
        List<Claimed> ours = new ArrayList<>(rows.size());
        try (PreparedStatement update = c.prepareStatement("UPDATE outbox SET claimed_until = ? WHERE id = ? AND"
                + " state = 'pending' AND (claimed_until IS NULL OR claimed_until < ?)")) {
            for (Claimed row : rows) {
                dialect.setInstant(update, 1, now.plusSeconds(CLAIM_SECONDS));
                update.setLong(2, row.row().id());
                dialect.setInstant(update, 3, now);
                if (update.executeUpdate() == 1) {
                    ours.add(row);
                }
            }
        }
        return ours;
    }

    private boolean exists(Connection c, String select, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(select + " LIMIT 1")) {
            dialect.setInstant(s, 1, now);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private int prune(Connection c, Instant now) throws SQLException {
        try (PreparedStatement delete =
                c.prepareStatement("DELETE FROM outbox WHERE state IN ('sent', 'skipped') AND created_at < ?")) {
            dialect.setInstant(delete, 1, now.minus(KEPT));
            return delete.executeUpdate();
        }
    }

    private int finish(Connection c, Claimed claimed, String state, String answer, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE outbox SET state = ?, attempts = attempts + 1,"
                + " last_attempt_at = ?, last_answer = ?, sent_at = ?, claimed_until = NULL WHERE id = ?")) {
            update.setString(1, state);
            dialect.setInstant(update, 2, now);
            update.setString(3, answer);
            dialect.setInstant(update, 4, state.equals("sent") ? now : null);
            update.setLong(5, claimed.row().id());
            return update.executeUpdate();
        }
    }

    /** Records a failed attempt; true when it was the last one. */
    private boolean failed(Connection c, Claimed claimed, Transports.Attempt attempt, Instant now) throws SQLException {
        int attempts = claimed.attempts() + 1;
        Duration wait = backoff(retrySeconds, attempts, attempt.retryAfter());
        try (PreparedStatement update = c.prepareStatement("UPDATE outbox SET state = ?, attempts = ?,"
                + " last_attempt_at = ?, last_answer = ?, due_at = ?, claimed_until = NULL WHERE id = ?")) {
            boolean last = attempts >= maxAttempts;
            update.setString(1, last ? "failed" : "pending");
            update.setInt(2, attempts);
            dialect.setInstant(update, 3, now);
            update.setString(4, attempt.answer());
            dialect.setInstant(update, 5, now.plus(wait));
            update.setLong(6, claimed.row().id());
            update.executeUpdate();
            return last;
        }
    }

    /** The wait after the given number of failed attempts: doubling from the first, at most an hour, or what the target asked. */
    static Duration backoff(int firstSeconds, int attempts, Duration retryAfter) {
        Duration wait = Duration.ofSeconds(firstSeconds).multipliedBy(1L << Math.min(attempts - 1, 20));
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            wait = LONGEST_WAIT;
        }
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }

    private <T> T transaction(Work<T> work) {
        try (Connection connection = connections.open()) {
            dialect.begin(connection);
            try {
                T result = work.run(connection);
                dialect.commit(connection);
                return result;
            } catch (SQLException | RuntimeException e) {
                dialect.rollback(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("could not work on the outbox", e);
        }
    }

    /** A read in auto-commit: on SQLite a transaction would take the write lock. */
    private <T> T read(Work<T> work) {
        try (Connection connection = connections.open()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw new StorageException("could not read the outbox", e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
