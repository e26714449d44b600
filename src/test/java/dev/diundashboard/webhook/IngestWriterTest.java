package dev.diundashboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.live.Change;
import dev.diundashboard.platform.Secrets;
import dev.diundashboard.storage.Dialect;
import dev.diundashboard.storage.DirectConnections;
import dev.diundashboard.storage.MigratedDatabase;
import dev.diundashboard.storage.StorageException;
import dev.diundashboard.storage.WriteGate;
import dev.diundashboard.tokens.WebhookAccess;
import dev.diundashboard.tokens.WebhookCaller;
import dev.diundashboard.updates.Notification;
import dev.diundashboard.updates.StackKeys;
import dev.diundashboard.updates.UpdateView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The group-commit writer and the dialects' batch statements against the real schemas, written once
 * and run on SQLite and on PostgreSQL (when the tests have one; required with CI=true).
 */
class IngestWriterTest {

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(MigratedDatabase.Both.class)
    void aBatchAppliesRepeatedImagesInOrderAndKeepsOrReopensTheAcknowledgementByDigest(MigratedDatabase db)
            throws Exception {
        Instant first = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Connection c = db.connect()) {
            store(c, db.dialect(), List.of(notification("h1", "app:1", "sha256:a")), first);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE updates SET acknowledged_at = first_seen");
            }
            List<Notification> batch = List.of(
                    notification("h1", "app:1", "sha256:a"), // same digest: stays acknowledged
                    notification("h2", "app:1", "sha256:x"), // another host: its own row
                    notification("h1", "app:1", "sha256:b"), // new digest: re-opened
                    notification("h1", "app:1", "sha256:b"),
                    notification("h0", "zzz", "sha256:y"));
            List<UpdateView> views = store(c, db.dialect(), batch, first.plusSeconds(1));

            assertThat(views).extracting(UpdateView::hostname).containsExactly("h1", "h2", "h1", "h1", "h0");
            assertThat(views).extracting(UpdateView::seenCount).containsExactly(2, 1, 3, 4, 1);
            assertThat(views)
                    .extracting(UpdateView::digest)
                    .containsExactly("sha256:a", "sha256:x", "sha256:b", "sha256:b", "sha256:y");
            assertThat(views.get(0).acknowledgedAt()).isEqualTo(first);
            assertThat(views.get(2).acknowledgedAt()).isNull();
            assertThat(views.get(0).id())
                    .isEqualTo(views.get(2).id())
                    .isNotEqualTo(views.get(1).id());
            assertThat(views.get(0).firstSeen()).isEqualTo(first);
            assertThat(views.get(3).lastSeen()).isEqualTo(first.plusSeconds(1));
            assertThat(views.get(0).metadata().asJsonObject().getString("n")).isEqualTo("sha256:a");
            assertThat(eventDigests(c, views.get(0).id()))
                    .containsExactly("sha256:a", "sha256:a", "sha256:b", "sha256:b");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(MigratedDatabase.Both.class)
    void concurrentWebhooksShareCommitsAndEachSeesTheStateAfterItsOwnNotification(MigratedDatabase db)
            throws Exception {
        IngestWriter writer = writer(db, Optional.empty(), new CopyOnWriteArrayList<>());
        try (Connection blocker = db.connect()) {
            // While another transaction holds the database (SQLite) or the row (PostgreSQL), the
            // webhooks queue up; they must then go out in shared commits, in arrival order.
            CompletableFuture<IngestWriter.Outcome> warmUp = submit(writer, notification("h", "busy", "sha256:0"));
            assertThat(warmUp.get(10, TimeUnit.SECONDS)).isInstanceOf(IngestWriter.Stored.class);
            hold(blocker, db);
            List<CompletableFuture<IngestWriter.Outcome>> replies = new ArrayList<>();
            replies.add(submit(writer, notification("h", "busy", "sha256:1")));
            sleep(500); // the writer takes it and waits for the lock; the rest queue up behind
            for (int i = 0; i < 40; i++) {
                replies.add(submit(writer, notification("h", "same", "sha256:" + i)));
                replies.add(submit(writer, notification("h" + i, "other", "sha256:" + i)));
            }
            blocker.rollback();
            List<UpdateView> same = new ArrayList<>();
            for (CompletableFuture<IngestWriter.Outcome> reply : replies) {
                IngestWriter.Outcome outcome = reply.get(20, TimeUnit.SECONDS);
                assertThat(outcome).isInstanceOf(IngestWriter.Stored.class);
                UpdateView view = ((IngestWriter.Stored) outcome).update();
                if (view.image().equals("same")) {
                    same.add(view);
                }
            }
            assertThat(same)
                    .extracting(UpdateView::seenCount)
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, 40).boxed().toList());
            assertThat(writer.largestBatch()).isEqualTo(80);
            try (Connection c = db.connect()) {
                assertThat(count(c, "SELECT count(*) FROM updates")).isEqualTo(42);
                assertThat(count(c, "SELECT count(*) FROM events")).isEqualTo(82);
            }
        } finally {
            writer.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(MigratedDatabase.Both.class)
    void aValueTheDatabaseRefusesFailsOnlyItsOwnWebhook(MigratedDatabase db) throws Exception {
        List<Change> announced = new CopyOnWriteArrayList<>();
        IngestWriter writer = writer(db, Optional.empty(), announced);
        try (Connection blocker = db.connect()) {
            assertThat(submit(writer, notification("h", "busy", "sha256:0")).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(IngestWriter.Stored.class);
            hold(blocker, db);
            CompletableFuture<IngestWriter.Outcome> held = submit(writer, notification("h", "busy", "sha256:1"));
            sleep(500); // the writer takes it and waits for the lock; the rest queue up behind
            List<CompletableFuture<IngestWriter.Outcome>> good = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                good.add(submit(writer, notification("h", "good" + i, "sha256:" + i)));
            }
            // Input rules keep such values out; the database's own checks are the last line.
            Notification bad = new Notification(
                    "4.29.0", "h", "new", "docker", "bad", null, null, "sha256:z", null, null, "not json", "{}");
            CompletableFuture<IngestWriter.Outcome> refused = submit(writer, bad);
            blocker.rollback();

            assertThat(held.get(20, TimeUnit.SECONDS)).isInstanceOf(IngestWriter.Stored.class);
            for (CompletableFuture<IngestWriter.Outcome> reply : good) {
                assertThat(reply.get(20, TimeUnit.SECONDS)).isInstanceOf(IngestWriter.Stored.class);
            }
            IngestWriter.Outcome outcome = refused.get(20, TimeUnit.SECONDS);
            assertThat(outcome).isInstanceOf(IngestWriter.Failed.class);
            assertThat(((IngestWriter.Failed) outcome).error()).isInstanceOf(StorageException.class);
            assertThat(writer.largestBatch()).as("the bad one shared a batch").isEqualTo(6);
            try (Connection c = db.connect()) {
                assertThat(count(c, "SELECT count(*) FROM updates")).isEqualTo(6);
                assertThat(count(c, "SELECT count(*) FROM updates WHERE image = 'bad'"))
                        .isZero();
            }
            assertThat(announced).hasSize(7).allMatch(change -> change.change().equals("received"));
        } finally {
            writer.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(MigratedDatabase.Both.class)
    void tokensAreCheckedAndMarkedUsedInTheBatchTransaction(MigratedDatabase db) throws Exception {
        IngestWriter open = writer(db, Optional.empty(), new CopyOnWriteArrayList<>());
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            assertThat(submit(open, notification("h", "a", "sha256:1"), WebhookCaller.presenting("anything"))
                            .get(10, TimeUnit.SECONDS))
                    .as("no secret and no token yet: open")
                    .isInstanceOf(IngestWriter.Stored.class);
            s.executeUpdate("INSERT INTO api_tokens (name, token_hash, scope, created_at) VALUES ('script', '"
                    + Secrets.hash("an-api-token") + "', 'admin', '2024-01-01T00:00:00Z')");
            s.executeUpdate("INSERT INTO feed_tokens (name, token_hash, created_at) VALUES ('reader', '"
                    + Secrets.hash("a-feed-token") + "', '2024-01-01T00:00:00Z')");
            for (String token : List.of("an-api-token", "a-feed-token")) {
                assertThat(outcome(open, WebhookCaller.presenting(token)))
                        .as("even the open webhook refuses the other kinds of token: " + token)
                        .isInstanceOf(IngestWriter.Refused.class);
            }
            assertThat(outcome(open, WebhookCaller.presenting(null))).isInstanceOf(IngestWriter.Stored.class);
        } finally {
            open.stop();
        }
        Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Connection c = db.connect()) {
            insertToken(c, db.dialect(), "valid", created, null, null);
            insertToken(c, db.dialect(), "revoked", created, null, created);
            insertToken(c, db.dialect(), "expired", created, created.minusSeconds(1), null);
        }
        IngestWriter guarded = writer(db, Optional.of("the-secret"), new CopyOnWriteArrayList<>());
        try {
            assertThat(outcome(guarded, WebhookCaller.presenting("valid"))).isInstanceOf(IngestWriter.Stored.class);
            assertThat(outcome(guarded, WebhookCaller.SECRET)).isInstanceOf(IngestWriter.Stored.class);
            for (String token : List.of("revoked", "expired", "unknown")) {
                assertThat(outcome(guarded, WebhookCaller.presenting(token)))
                        .as(token)
                        .isInstanceOf(IngestWriter.Refused.class);
            }
            assertThat(outcome(guarded, WebhookCaller.presenting(null))).isInstanceOf(IngestWriter.Refused.class);
        } finally {
            guarded.stop();
        }
        try (Connection c = db.connect()) {
            assertThat(count(c, "SELECT count(*) FROM webhook_tokens WHERE last_used_at IS NOT NULL"))
                    .isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM updates")).isEqualTo(4);
        }
        IngestWriter tokensOnly = writer(db, Optional.empty(), new CopyOnWriteArrayList<>());
        try {
            assertThat(outcome(tokensOnly, WebhookCaller.presenting("unknown")))
                    .as("once a token exists, the webhook is closed without a secret too")
                    .isInstanceOf(IngestWriter.Refused.class);
        } finally {
            tokensOnly.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(MigratedDatabase.Both.class)
    void aBatchThatRunsOutOfMemoryIsStoredOneByOne(MigratedDatabase db) throws Exception {
        AtomicBoolean armed = new AtomicBoolean();
        IngestWriter writer = failingOnceWhenArmed(db, armed, () -> new OutOfMemoryError("Java heap space"));
        try (Connection blocker = db.connect()) {
            assertThat(submit(writer, notification("h", "busy", "sha256:0")).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(IngestWriter.Stored.class);
            hold(blocker, db);
            CompletableFuture<IngestWriter.Outcome> held = submit(writer, notification("h", "busy", "sha256:1"));
            sleep(500); // the writer has its connection and waits for the lock; the rest queue up
            armed.set(true);
            List<CompletableFuture<IngestWriter.Outcome>> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(submit(writer, notification("h" + i, "app", "sha256:" + i)));
            }
            blocker.rollback();
            assertThat(held.get(20, TimeUnit.SECONDS)).isInstanceOf(IngestWriter.Stored.class);
            for (CompletableFuture<IngestWriter.Outcome> reply : batch) {
                assertThat(reply.get(20, TimeUnit.SECONDS))
                        .as("the batch's transaction failed; each notification was stored on its own")
                        .isInstanceOf(IngestWriter.Stored.class);
            }
            assertThat(armed).as("the error was thrown").isFalse();
            try (Connection c = db.connect()) {
                assertThat(count(c, "SELECT count(*) FROM updates WHERE image = 'app'"))
                        .isEqualTo(10);
                assertThat(count(c, "SELECT sum(seen_count) FROM updates WHERE image = 'app'"))
                        .as("each once: nothing of the failed batch was committed")
                        .isEqualTo(10);
            }
        } finally {
            writer.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(MigratedDatabase.Both.class)
    void anErrorWhileReportingAnErrorLeavesTheWriterRunning(MigratedDatabase db) throws Exception {
        IngestWriter writer = failingOnceWhenArmed(db, new AtomicBoolean(true), UnprintableError::new);
        try {
            assertThat(submit(writer, notification("h", "first", "sha256:1")).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(IngestWriter.Failed.class);
            assertThat(submit(writer, notification("h", "second", "sha256:1")).get(10, TimeUnit.SECONDS))
                    .as("the next notification is stored: the writer thread survived")
                    .isInstanceOf(IngestWriter.Stored.class);
        } finally {
            writer.stop();
        }
    }

    /** A writer whose next connection, once armed, fails with the error (and disarms). */
    private static IngestWriter failingOnceWhenArmed(
            MigratedDatabase db, AtomicBoolean armed, java.util.function.Supplier<Error> error) {
        return writer(db, Optional.empty(), new CopyOnWriteArrayList<>(), () -> {
            if (armed.compareAndSet(true, false)) {
                throw error.get();
            }
            return db.connect();
        });
    }

    /** An error that fails again when it is logged, as anything may when the heap is exhausted. */
    private static final class UnprintableError extends Error {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    private static IngestWriter.Outcome outcome(IngestWriter writer, WebhookCaller caller) throws Exception {
        return submit(writer, notification("h", "t-" + System.nanoTime(), "sha256:1"), caller)
                .get(10, TimeUnit.SECONDS);
    }

    private static IngestWriter writer(MigratedDatabase db, Optional<String> secret, List<Change> announced) {
        return writer(db, secret, announced, db::connect);
    }

    private static IngestWriter writer(
            MigratedDatabase db, Optional<String> secret, List<Change> announced, DirectConnections connections) {
        return new IngestWriter(
                db.dialect(),
                new WriteGate(db.dialect(), 100),
                new WebhookAccess(db.dialect(), secret),
                announced::add,
                Executors.defaultThreadFactory(),
                1000,
                connections,
                StackKeys.DEFAULT);
    }

    private static CompletableFuture<IngestWriter.Outcome> submit(IngestWriter writer, Notification n) {
        return submit(writer, n, WebhookCaller.presenting(null));
    }

    private static CompletableFuture<IngestWriter.Outcome> submit(
            IngestWriter writer, Notification n, WebhookCaller caller) {
        CompletableFuture<IngestWriter.Outcome> reply = new CompletableFuture<>();
        writer.submit(n, caller, reply::complete);
        return reply;
    }

    /** Holds what the writer needs until the connection rolls back: the database file, or the row. */
    private static void hold(Connection blocker, MigratedDatabase db) throws SQLException {
        blocker.setAutoCommit(false);
        try (Statement s = blocker.createStatement()) {
            if (db.dialect().serializesWrites()) {
                s.executeUpdate("UPDATE updates SET status = status WHERE image = 'busy'");
            } else {
                s.executeQuery("SELECT id FROM updates WHERE image = 'busy' FOR UPDATE")
                        .close();
            }
        }
    }

    private static List<UpdateView> store(Connection c, Dialect dialect, List<Notification> rows, Instant now)
            throws SQLException {
        UpdateView[] views = new UpdateView[rows.size()];
        c.setAutoCommit(false);
        dialect.storeAll(c, rows, now, (i, row) -> views[i] = UpdateView.read(row, dialect));
        c.commit();
        c.setAutoCommit(true);
        return List.of(views);
    }

    private static Notification notification(String host, String image, String digest) {
        return new Notification(
                "4.29.0",
                host,
                "update",
                "docker",
                image,
                "https://hub.docker.com/r/" + image,
                "application/vnd.oci.image.index.v1+json",
                digest,
                Instant.parse("2024-05-01T10:00:00Z"),
                "linux/amd64",
                "{\"n\":\"" + digest + "\"}",
                "{\"image\":\"" + image + "\",\"digest\":\"" + digest + "\"}");
    }

    private static List<String> eventDigests(Connection c, long updateId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT digest FROM events WHERE update_id = ? ORDER BY id")) {
            ps.setLong(1, updateId);
            List<String> digests = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    digests.add(rs.getString(1));
                }
            }
            return digests;
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insertToken(
            Connection c, Dialect dialect, String token, Instant created, Instant expires, Instant revoked)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_tokens"
                + " (name, token_hash, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, token);
            ps.setString(2, Secrets.hash(token));
            dialect.setInstant(ps, 3, created);
            dialect.setInstant(ps, 4, expires);
            dialect.setInstant(ps, 5, revoked);
            ps.executeUpdate();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
