package dev.diundashboard.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * PostgreSQL: concurrent writers, native timestamptz and jsonb, and several instances on one database
 * (LISTEN/NOTIFY between them, an advisory lock for pruning).
 */
public class PostgresDialect extends Dialect {

    /** How long a bulk change may wait for rows that other changes hold (see lockUpdatesInIdOrder). */
    static final int BULK_WAIT_SECONDS = 15;

    private static final String UPSERT = "INSERT INTO updates " + UPSERT_COLUMNS
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
            + " ON CONFLICT (hostname, image) DO UPDATE SET"
            + " status = EXCLUDED.status, provider = EXCLUDED.provider, hub_link = EXCLUDED.hub_link,"
            + " mime_type = EXCLUDED.mime_type, digest = EXCLUDED.digest, created = EXCLUDED.created,"
            + " platform = EXCLUDED.platform, metadata = EXCLUDED.metadata, diun_version = EXCLUDED.diun_version,"
            + " last_seen = GREATEST(updates.last_seen, EXCLUDED.last_seen), seen_count = updates.seen_count + 1,"
            + " acknowledged_at = CASE WHEN updates.digest IS NOT DISTINCT FROM EXCLUDED.digest"
            + " THEN updates.acknowledged_at ELSE NULL END"
            + " RETURNING id";

    @Override
    public Backend backend() {
        return Backend.POSTGRESQL;
    }

    @Override
    public boolean serializesWrites() {
        return false;
    }

    @Override
    public String upsertUpdateSql() {
        return UPSERT;
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    @Override
    public void setJson(PreparedStatement statement, int index, String json) throws SQLException {
        if (json == null) {
            statement.setNull(index, Types.OTHER);
        } else {
            statement.setObject(index, json, Types.OTHER);
        }
    }

    @Override
    public boolean sharedByInstances() {
        return true;
    }

    @Override
    public void announce(Connection connection, String channel, List<String> messages) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            for (String message : messages) {
                notify.setString(1, channel);
                notify.setString(2, message);
                notify.execute();
            }
        }
    }

    @Override
    public void listen(Connection connection, String channel) throws SQLException {
        if (!connection.isWrapperFor(PGConnection.class)) {
            throw new SQLFeatureNotSupportedException(
                    "the connection is not a PostgreSQL JDBC connection this application can use");
        }
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN " + channel);
        }
    }

    @Override
    public List<String> awaitAnnouncements(Connection connection, int timeoutMillis) throws SQLException {
        PGNotification[] received = connection.unwrap(PGConnection.class).getNotifications(timeoutMillis);
        if (received == null) {
            return List.of();
        }
        List<String> payloads = new ArrayList<>(received.length);
        for (PGNotification n : received) {
            payloads.add(n.getParameter());
        }
        return payloads;
    }

    @Override
    public void lockUpdatesInIdOrder(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        // Ordered locks make concurrent bulk changes queue behind each other instead of deadlocking;
        // the queue may take longer than a request's usual statement timeout, so this transaction
        // may wait longer, and its socket too (the pool resets the socket timeout on return).
        try (Statement wait = connection.createStatement()) {
            wait.execute("SET LOCAL statement_timeout = '" + BULK_WAIT_SECONDS + "s'; SET LOCAL lock_timeout = '"
                    + BULK_WAIT_SECONDS + "s'");
        }
        connection.setNetworkTimeout(Runnable::run, (BULK_WAIT_SECONDS + 1) * 1000);
        // ORDER BY makes the lock order the id order, whatever order the caller's list is in.
        try (PreparedStatement lock =
                connection.prepareStatement("SELECT id FROM updates WHERE id = ANY(?) ORDER BY id FOR UPDATE")) {
            lock.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = lock.executeQuery()) {
                while (rs.next()) {
                    // reading the rows takes the locks
                }
            }
        }
    }

    @Override
    public boolean tryPruneLock(Connection connection, long key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, key);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
