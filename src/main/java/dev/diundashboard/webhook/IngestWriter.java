package dev.diundashboard.webhook;

import dev.diundashboard.live.Change;
import dev.diundashboard.notify.Outbox;
import dev.diundashboard.platform.ApiException;
import dev.diundashboard.storage.DatabaseErrors;
import dev.diundashboard.storage.DatabaseUnavailableException;
import dev.diundashboard.storage.Dialect;
import dev.diundashboard.storage.DirectConnections;
import dev.diundashboard.storage.StorageException;
import dev.diundashboard.storage.WriteGate;
import dev.diundashboard.tags.AssignedTags;
import dev.diundashboard.tags.TagRef;
import dev.diundashboard.tokens.WebhookAccess;
import dev.diundashboard.tokens.WebhookCaller;
import dev.diundashboard.updates.Classification;
import dev.diundashboard.updates.Notification;
import dev.diundashboard.updates.StackKeys;
import dev.diundashboard.updates.UpdateView;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group commit for webhook notifications. Requests put their notification in a bounded queue; one
 * writer thread takes everything that arrived while its previous commit was in flight (no added
 * delay when the load is low), stores it in one transaction with plain JDBC, and only after the
 * commit completes each request. A 200 thus still means "committed", and concurrent webhooks share
 * one commit (one fsync on SQLite) instead of queuing for one each.
 *
 * <p>Failures stay per request where they can: a failure of the connection or the database (503
 * with Retry-After) fails the batch it hit and every notification queued behind it (they would
 * only wait for the same outage, batch after batch); a batch that lost a deadlock or serialization conflict
 * is run again; any other failure runs the batch's notifications one by one, so that only the one
 * that fails gets an error. A notification that waited longer than {@value #MAX_WAIT_MILLIS} ms is
 * answered 503 without being written (Diun gives up after 10 s); a full queue answers 503 at once.
 * On shutdown, new notifications are refused and the queue is written out first. What the batch
 * makes pending goes to the notification outbox in the same transaction ({@link Outbox}).
 */
@ApplicationScoped
public class IngestWriter {

    /** Notifications written in one transaction at most. */
    static final int MAX_BATCH = 256;

    /** The longest a notification waits for its batch before it is answered 503 instead. */
    static final long MAX_WAIT_MILLIS = 8_000;

    /** Runs of a batch that keeps losing conflicts with other transactions, before its 503. */
    static final int ATTEMPTS = 3;

    private static final Logger LOG = Logger.getLogger(IngestWriter.class.getName());

    /** What became of one notification. */
    public sealed interface Outcome {}

    /** Stored and committed; the update as it is after this notification. */
    public record Stored(UpdateView update) implements Outcome {}

    /** The caller may not write: no usable token. */
    public record Refused(WebhookCaller caller) implements Outcome {}

    /** Only asked whether the caller may write (see {@link #checkAccess}), and it may. */
    public record Admitted() implements Outcome {}

    /** Not stored: the exception says why (the error mapper turns it into the response). */
    public record Failed(RuntimeException error) implements Outcome {}

    /** One queued request: a notification to store, or none to only check the caller. */
    private record Item(Notification notification, WebhookCaller caller, Consumer<Outcome> reply, long queuedAt) {}

    @Inject
    Dialect dialect;

    @Inject
    WriteGate writes;

    @Inject
    WebhookAccess access;

    @Inject
    Event<Change> changes;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ThreadFactory threads;

    @Inject
    @ConfigProperty(name = "INGEST_QUEUE", defaultValue = "2000")
    int capacity;

    @Inject
    DirectConnections connections;

    @Inject
    StackKeys stacks;

    private Consumer<Change> announce = change -> changes.fire(change);

    /** The largest batch taken from the queue so far (for tests). */
    private volatile int largestBatch;

    private BlockingQueue<Item> queue;
    private ExecutorService replies;
    private Thread writer;
    private volatile boolean accepting = true;

    /** For CDI. */
    IngestWriter() {}

    /** Outside a container (tests): everything the container would inject. */
    IngestWriter(
            Dialect dialect,
            WriteGate writes,
            WebhookAccess access,
            Consumer<Change> announce,
            ThreadFactory threads,
            int capacity,
            DirectConnections connections,
            StackKeys stacks) {
        this.dialect = dialect;
        this.writes = writes;
        this.access = access;
        this.announce = announce;
        this.threads = threads;
        this.capacity = capacity;
        this.connections = connections;
        this.stacks = stacks;
    }

    int largestBatch() {
        return largestBatch;
    }

    /** Stores the notification; {@code reply} gets the outcome after the commit, on another thread. */
    public void submit(Notification notification, WebhookCaller caller, Consumer<Outcome> reply) {
        enqueue(new Item(notification, caller, reply, System.nanoTime()));
    }

    /**
     * Only decides whether the caller may write, as the next batch would (for a request whose body
     * is refused: an unauthorized caller learns that first).
     */
    public void checkAccess(WebhookCaller caller, Consumer<Outcome> reply) {
        enqueue(new Item(null, caller, reply, System.nanoTime()));
    }

    private void enqueue(Item item) {
        start();
        if (!accepting) {
            throw busy("the server is shutting down");
        }
        if (!queue.offer(item)) {
            throw busy(queue.size() + " notifications are waiting to be stored");
        }
    }

    private synchronized void start() {
        if (writer != null) {
            return;
        }
        queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
        // Replies are serialized and sent off the writer thread, so that the next batch can start. A
        // pool of our own on the server's managed threads: stop() drains it, which the server's
        // managed executors refuse to applications.
        replies = Executors.newFixedThreadPool(2, threads);
        writer = threads.newThread(this::drain);
        writer.setName("diun-ingest-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @PreDestroy
    void stop() {
        Thread t;
        synchronized (this) {
            accepting = false;
            t = writer;
        }
        if (t == null) {
            return;
        }
        try {
            t.join(TimeUnit.SECONDS.toMillis(15));
            replies.shutdown();
            replies.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        List<Item> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            Item first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                if (!accepting) {
                    break;
                }
                continue;
            }
            if (first == null) {
                if (!accepting && queue.isEmpty()) {
                    break;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            largestBatch = Math.max(largestBatch, batch.size());
            try {
                write(batch);
            } catch (Throwable e) { // an Error too: this thread must outlive it
                failAll(batch, e);
            }
            batch.clear();
        }
        LOG.fine("the ingest writer stopped");
    }

    /**
     * Tells each item of the batch that it failed. Out of memory, logging and replying can fail as
     * well: each step is tried on its own, and the writer goes on with the next batch whatever
     * happens here (an item left unanswered gets the webhook's answer timeout).
     */
    private void failAll(List<Item> batch, Throwable e) {
        try {
            LOG.log(Level.SEVERE, "the ingest writer failed", e);
        } catch (Throwable notEvenThat) {
            // nothing left to tell it with
        }
        for (Item item : batch) {
            try {
                reply(item, new Failed(new StorageException("could not store", e)));
            } catch (Throwable notEvenThat) {
                // the next item may fare better
            }
        }
    }

    private void write(List<Item> batch) {
        long now = System.nanoTime();
        List<Item> live = new ArrayList<>(batch.size());
        for (Item item : batch) {
            if (now - item.queuedAt() > TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS)) {
                reply(item, new Failed(busy("the notification waited " + MAX_WAIT_MILLIS / 1000 + " s for its turn")));
            } else {
                live.add(item);
            }
        }
        if (!live.isEmpty()) {
            store(live);
        }
    }

    /** Writes the items in one transaction, or tells each why not. */
    private void store(List<Item> items) {
        List<Outcome> outcomes;
        for (int attempt = 1; ; attempt++) {
            try {
                outcomes = writes.run(() -> transaction(items));
                break;
            } catch (ApiException | DatabaseUnavailableException refused) {
                items.forEach(item -> reply(item, new Failed(refused)));
                return;
            } catch (StorageException e) {
                SQLException cause = (SQLException) e.getCause();
                // A lost conflict, or a connection the pool has now replaced: the batch can run again.
                if ((dialect.isLostConflict(cause) || dialect.isBrokenConnection(cause)) && attempt < ATTEMPTS) {
                    continue;
                }
                if (DatabaseErrors.anyInChain(cause, DatabaseErrors::isUnavailable)) {
                    // Whatever queued up meanwhile would wait for the same outage, one batch after
                    // another: it gets its 503 now, and the next webhook tries the database again.
                    List<Item> waiting = new ArrayList<>(items);
                    queue.drainTo(waiting);
                    waiting.forEach(item -> reply(item, new Failed(e)));
                    return;
                }
                if (items.size() > 1) {
                    // a value that one notification carries: store the others, fail only that one
                    storeOneByOne(items);
                    return;
                }
                items.forEach(item -> reply(item, new Failed(e)));
                return;
            } catch (Error e) {
                if (items.size() == 1) {
                    throw e;
                }
                // Rolled back. Out of memory, most likely for one large notification: the others each
                // get a transaction of their own, and a chance once its garbage is gone.
                LOG.log(Level.WARNING, "a batch failed; storing its notifications one by one", e);
                storeOneByOne(items);
                return;
            }
        }
        // Committed: whatever fails from here on must not run the batch again.
        for (int i = 0; i < items.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (outcome instanceof Stored stored) {
                announce.accept(Change.update(stored.update().id(), "received"));
            }
            reply(items.get(i), outcome);
        }
    }

    /**
     * After a batch failed before its commit: each item in a transaction of its own, so that only the
     * one that caused the failure gets it.
     */
    private void storeOneByOne(List<Item> items) {
        for (Item item : items) {
            try {
                store(List.of(item));
            } catch (Throwable alone) { // an Error too: the items after it still get their turn
                failAll(List.of(item), alone);
            }
        }
    }

    private List<Outcome> transaction(List<Item> items) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Connection connection = connections.open()) {
            dialect.begin(connection);
            try {
                List<Outcome> outcomes = run(connection, items, now);
                dialect.commit(connection);
                return outcomes;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("could not store the notifications", e);
        }
    }

    private List<Outcome> run(Connection connection, List<Item> items, Instant now) throws SQLException {
        Function<WebhookCaller, WebhookAccess.Verdict> verdicts =
                access.admit(connection, items.stream().map(Item::caller).toList(), now);
        List<Outcome> outcomes = new ArrayList<>(items.size());
        List<Notification> toStore = new ArrayList<>(items.size());
        List<Integer> positions = new ArrayList<>(items.size());
        for (Item item : items) {
            WebhookAccess.Verdict verdict = verdicts.apply(item.caller());
            if (!verdict.admitted()) {
                outcomes.add(new Refused(item.caller()));
            } else if (item.notification() == null) {
                outcomes.add(new Admitted());
            } else if (verdict.hostOnly()
                    && !verdict.host().equals(item.notification().hostname())) {
                outcomes.add(new Failed(new ApiException(
                        Response.Status.FORBIDDEN,
                        "forbidden",
                        "this token takes only the notifications of host '" + verdict.host() + "'")));
            } else {
                outcomes.add(null);
                positions.add(outcomes.size() - 1);
                // A token bound to a host names the host; the payload keeps the hostname it said.
                toStore.add(
                        verdict.host() == null
                                ? item.notification()
                                : item.notification().withHostname(verdict.host()));
            }
        }
        if (toStore.isEmpty()) {
            return outcomes;
        }
        UpdateView[] stored = new UpdateView[toStore.size()];
        boolean[] madePending = new boolean[toStore.size()];
        dialect.storeAll(connection, toStore, now, (index, row) -> {
            stored[index] = UpdateView.read(row, dialect);
            // a new image, or a new digest (which re-opens it): what the channels tell of
            madePending[index] = row.getInt("seen_count") == 1 || now.equals(dialect.getInstant(row, "digest_since"));
        });
        UpdateView[] views = Classification.refresh(connection, stored, stacks);
        List<Long> ids = new ArrayList<>(views.length);
        for (UpdateView view : views) {
            ids.add(view.id());
        }
        Map<Long, TagRef> tags =
                AssignedTags.of(connection, ids.stream().distinct().toList());
        List<UpdateView> toTell = new ArrayList<>();
        for (int i = 0; i < views.length; i++) {
            UpdateView view = views[i].withTag(tags.get(views[i].id()));
            outcomes.set(positions.get(i), new Stored(view));
            if (madePending[i]) {
                toTell.add(view);
            }
        }
        Outbox.afterIngest(connection, dialect, toTell, now);
        return outcomes;
    }

    private void reply(Item item, Outcome outcome) {
        try {
            replies.execute(() -> item.reply().accept(outcome));
        } catch (RuntimeException rejected) {
            item.reply().accept(outcome); // shutting down: answer on this thread
        }
    }

    private void rollbackQuietly(Connection connection) {
        try {
            dialect.rollback(connection);
        } catch (SQLException ignored) {
            // the connection is broken; the pool replaces it
        }
    }

    private static ApiException busy(String why) {
        return ApiException.unavailable("the database is busy (" + why + "); retry later");
    }
}
