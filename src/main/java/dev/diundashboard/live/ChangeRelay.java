package dev.diundashboard.live;

import dev.diundashboard.storage.Backoff;
import dev.diundashboard.storage.DedicatedConnections;
import dev.diundashboard.storage.Dialect;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Tells the other instances on the same PostgreSQL database about committed changes, so that their
 * open dashboards refresh too. Changes are queued after their transaction commits and a sender
 * thread sends them with {@code pg_notify} over a connection of its own, every batch of up to
 * {@value #BATCH_WINDOW_MILLIS} ms in one transaction. Each message names the instance it came from;
 * {@link ChangeListener} ignores its own instance's messages, which its local stream has already
 * delivered. Only where the dialect says several instances may share the database (PostgreSQL);
 * on SQLite, one instance per file, nothing is sent.
 *
 * <p>Why not inside the webhook's own transaction: a transaction that notifies holds PostgreSQL's
 * notification lock until its commit is flushed, so notifying commits queue behind each other and
 * ingest halves (docs/performance.md has the figures). The price of sending afterwards: a change
 * whose instance dies between commit and send is not announced (it is stored; other pages show it on
 * their next refresh). When a batch cannot be sent, a "resync" is announced once sending works again.
 */
@ApplicationScoped
public class ChangeRelay {

    static final String CHANNEL = "diun_changes";
    /** PostgreSQL refuses payloads of 8000 bytes or more; a message stays well below. */
    static final int MAX_PAYLOAD_BYTES = 7000;
    /** Changes that arrive within this window after the first one go out together. */
    static final long BATCH_WINDOW_MILLIS = 20;
    /** Beyond this many unsent changes, they are replaced by one "resync". */
    static final int MAX_QUEUED = 10_000;

    private static final Logger LOG = Logger.getLogger(ChangeRelay.class.getName());

    /** Looked up once: each {@code Json.create...} call searches the class path for a provider. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final String instance = UUID.randomUUID().toString();
    private final BlockingQueue<Change> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final AtomicBoolean missed = new AtomicBoolean();

    @Inject
    Dialect dialect;

    @Inject
    DedicatedConnections dedicated;

    @Resource
    ManagedThreadFactory threads;

    private volatile boolean running;
    private volatile Thread sender;

    /** This instance's name in the messages it sends. */
    public String instance() {
        return instance;
    }

    void collect(@Observes(during = TransactionPhase.AFTER_SUCCESS) Change change) {
        if (!relays()) {
            return;
        }
        if (!queue.offer(change)) {
            missed.set(true); // the sender is far behind (the database is away): announce a resync later
        }
        startSender();
    }

    private boolean relays() {
        return dialect.sharedByInstances();
    }

    private synchronized void startSender() {
        if (sender != null || threads == null) {
            return;
        }
        running = true;
        Thread t = threads.newThread(this::send);
        t.setName("diun-change-relay");
        t.setDaemon(true);
        sender = t;
        t.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        Thread t = sender;
        if (t != null) {
            t.interrupt();
        }
    }

    private void send() {
        Connection connection = null;
        Backoff backoff = new Backoff();
        boolean failing = false;
        while (running) {
            try {
                Change first = queue.poll(5, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                Thread.sleep(BATCH_WINDOW_MILLIS);
                List<Change> batch = new ArrayList<>();
                batch.add(first);
                queue.drainTo(batch);
                if (missed.getAndSet(false)) {
                    batch.add(Change.resync());
                }
                try {
                    if (connection == null || connection.isClosed()) {
                        connection = dedicated.open();
                        connection.setClientInfo("ApplicationName", "diun-dashboard relay");
                    }
                    announce(connection, messages(instance, batch));
                    if (failing) {
                        LOG.info("Announcing changes to other instances again");
                        failing = false;
                    }
                    backoff.reset();
                } catch (SQLException | RuntimeException e) {
                    missed.set(true);
                    closeQuietly(connection);
                    connection = null;
                    if (!failing) {
                        LOG.warning("Could not announce changes to other instances (" + e.getMessage()
                                + "); their open pages will resync when this works again");
                        failing = true;
                    }
                    Thread.sleep(backoff.nextMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closeQuietly(connection);
    }

    /** All messages of a batch in one transaction: one commit, one notification lock. */
    private void announce(Connection connection, List<String> messages) throws SQLException {
        connection.setAutoCommit(false);
        try {
            dialect.announce(connection, CHANNEL, messages);
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is going away anyway
            }
            throw e;
        }
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // replaced anyway
            }
        }
    }

    /** The changes as JSON messages {"from": instance, "changes": [...]}, each under the size limit. */
    static List<String> messages(String from, List<Change> changes) {
        String head = head(from);
        List<String> messages = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        int bytes = head.length() + 2;
        for (Change change : changes) {
            String item = toJson(change);
            int itemBytes = item.getBytes(StandardCharsets.UTF_8).length + 1;
            if (body.length() > 0 && bytes + itemBytes > MAX_PAYLOAD_BYTES) {
                messages.add(head + body + "]}");
                body.setLength(0);
                bytes = head.length() + 2;
            }
            if (body.length() > 0) {
                body.append(',');
            }
            body.append(item);
            bytes += itemBytes;
        }
        messages.add(head + body + "]}");
        return messages;
    }

    private static String head(String from) {
        return "{\"from\":" + JSON.createValue(from) + ",\"changes\":[";
    }

    private static String toJson(Change change) {
        var item = JSON.createObjectBuilder().add("kind", change.kind());
        if (change.id() != null) {
            item.add("id", change.id());
        }
        item.add("change", change.change());
        if (change.count() != null) {
            item.add("count", change.count());
        }
        return item.build().toString();
    }

    /** A message from another instance, or empty when it is this instance's own or cannot be read. */
    static Optional<List<Change>> fromOthers(String self, String message) {
        if (message.startsWith(head(self))) {
            return Optional.empty(); // this instance's own, the most common case with one instance
        }
        try (JsonReader reader = JSON.createReader(new StringReader(message))) {
            JsonObject object = reader.readObject();
            if (self.equals(object.getString("from", null))) {
                return Optional.empty();
            }
            List<Change> changes = new ArrayList<>();
            for (JsonValue value : object.getJsonArray("changes")) {
                JsonObject item = value.asJsonObject();
                Long id = item.containsKey("id") && !item.isNull("id")
                        ? item.getJsonNumber("id").longValueExact()
                        : null;
                Integer count = item.containsKey("count") && !item.isNull("count")
                        ? item.getJsonNumber("count").intValueExact()
                        : null;
                changes.add(new Change(item.getString("kind"), id, item.getString("change"), count));
            }
            return Optional.of(changes);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
