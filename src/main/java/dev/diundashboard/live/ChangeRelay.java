package dev.diundashboard.live;

import dev.diundashboard.storage.Backend;
import dev.diundashboard.storage.Dialect;
import dev.diundashboard.updates.StorageException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tells the other instances on the same PostgreSQL database about committed changes, so that their
 * open dashboards refresh too. Changes fired in a transaction are collected and sent with {@code
 * pg_notify} on the transaction's own connection just before it commits: PostgreSQL delivers them
 * on commit and drops them on rollback, so a listener never hears of a change that did not happen.
 * Each message names the instance it came from; {@link ChangeListener} ignores its own instance's
 * messages, which its local stream has already delivered. On SQLite (one instance per file) nothing
 * is sent.
 */
@ApplicationScoped
public class ChangeRelay {

    static final String CHANNEL = "diun_changes";
    /** PostgreSQL refuses payloads of 8000 bytes or more; a message stays well below. */
    static final int MAX_PAYLOAD_BYTES = 7000;

    /** Looked up once: each {@code Json.create...} call searches the class path for a provider. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final String instance = UUID.randomUUID().toString();

    @Inject
    Dialect dialect;

    @Inject
    EntityManager em;

    @Inject
    PendingChanges pending;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** This instance's name in the messages it sends. */
    public String instance() {
        return instance;
    }

    void collect(@Observes Change change) {
        if (relays() && inTransaction()) {
            pending.add(change);
        }
    }

    /** Sends the changes collected in the current transaction; called before the transaction commits. */
    void announcePending() {
        if (!relays() || !inTransaction()) {
            return;
        }
        List<Change> changes = pending.drain();
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement notify = em.unwrap(Connection.class).prepareStatement("SELECT pg_notify(?, ?)")) {
            for (String message : messages(instance, changes)) {
                notify.setString(1, CHANNEL);
                notify.setString(2, message);
                notify.execute();
            }
        } catch (SQLException e) {
            throw new StorageException("could not announce the change to other instances", e);
        }
    }

    private boolean relays() {
        return dialect.backend() == Backend.POSTGRESQL;
    }

    private boolean inTransaction() {
        return transactions.getTransactionStatus() == Status.STATUS_ACTIVE;
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
        return item.add("change", change.change()).build().toString();
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
                changes.add(new Change(item.getString("kind"), id, item.getString("change")));
            }
            return Optional.of(changes);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
