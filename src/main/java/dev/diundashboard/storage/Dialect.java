package dev.diundashboard.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Instant;
import java.util.List;

/**
 * What differs between the two databases in Java: the native upsert statements, how timestamps and
 * JSON are bound, and whether writes must be serialized. Everything else is shared JPA code.
 */
public abstract class Dialect {

    protected static final String UPSERT_COLUMNS =
            "(hostname, image, status, provider, hub_link, mime_type, digest, created, platform, metadata,"
                    + " diun_version, first_seen, last_seen, seen_count)";

    /** What the ingest returns of each stored update: every column of the row after its upsert. */
    protected static final String STORED_COLUMNS =
            "id, hostname, image, status, provider, hub_link, mime_type, digest, created,"
                    + " platform, metadata, diun_version, first_seen, last_seen, seen_count, acknowledged_at,"
                    + " previous_digest, previous_seen_at, version_from, version_class, snoozed_until, stack, ignored_by,"
                    + " release_notes_url, host_alias, digest_since";

    /**
     * The first assignments of each dialect's ON CONFLICT: a changed digest keeps the one it replaces,
     * and when that one was last seen, notes when the new one arrived, and ends a snooze. SQL
     * evaluates every right-hand side against the row as it was.
     */
    protected static final String ON_NEW_DIGEST =
            " previous_digest = CASE WHEN updates.digest IS NOT NULL AND updates.digest IS DISTINCT FROM"
                    + " EXCLUDED.digest THEN updates.digest ELSE updates.previous_digest END,"
                    + " previous_seen_at = CASE WHEN updates.digest IS NOT NULL AND updates.digest IS DISTINCT FROM"
                    + " EXCLUDED.digest THEN updates.last_seen ELSE updates.previous_seen_at END,"
                    + " snoozed_until = CASE WHEN updates.digest IS DISTINCT FROM EXCLUDED.digest THEN NULL"
                    + " ELSE updates.snoozed_until END,"
                    + " digest_since = CASE WHEN updates.digest IS DISTINCT FROM EXCLUDED.digest THEN EXCLUDED.last_seen"
                    + " ELSE updates.digest_since END,";

    protected static final String INSERT_EVENT =
            "INSERT INTO events (update_id, received_at, status, digest, payload) VALUES (?, ?, ?, ?, ?)";

    public abstract Backend backend();

    /** True when the database allows one writer only, so that the app queues writers itself. */
    public abstract boolean serializesWrites();

    /**
     * Inserts or updates one image update keyed by (hostname, image) and returns its id. Parameters:
     * hostname, image, status, provider, hub_link, mime_type, digest, created, platform, metadata,
     * diun_version, first_seen, last_seen. A different digest re-opens an acknowledged update.
     */
    public abstract String upsertUpdateSql();

    /** Parameters: update_id, received_at, status, digest, payload. */
    public String insertEventSql() {
        return INSERT_EVENT;
    }

    /** Receives each stored update, positioned on its row as it is after that row's own upsert. */
    @FunctionalInterface
    public interface StoredRowReader {
        void read(int index, ResultSet row) throws SQLException;
    }

    /**
     * Stores a batch of notifications in the connection's current transaction: upserts each one's
     * image update and appends one history event each, all with {@code now} as time of receipt. Rows
     * are applied in list order, so a (hostname, image) that occurs twice is counted twice and the
     * second sees the first. Calls {@code reader} once per row, with the columns of {@link
     * #STORED_COLUMNS} by name (read timestamps with {@link #getInstant}).
     */
    public abstract void storeAll(
            Connection connection, List<? extends IngestRow> rows, Instant now, StoredRowReader reader)
            throws SQLException;

    /**
     * What follows a {@code SELECT} of rows a worker claims so that workers of other instances skip
     * them instead of waiting ({@code FOR UPDATE OF <alias> SKIP LOCKED}); nothing where one writer
     * works at a time.
     */
    public String skipLocked(String alias) {
        return "";
    }

    /** Starts a transaction on a connection outside JTA whose owner manages it (the ingest writer). */
    public void begin(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
    }

    /** Commits what {@link #begin} started and leaves the connection in auto-commit mode. */
    public void commit(Connection connection) throws SQLException {
        connection.commit();
        connection.setAutoCommit(true);
    }

    /** Rolls back what {@link #begin} started and leaves the connection in auto-commit mode. */
    public void rollback(Connection connection) throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    public abstract void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException;

    /** A timestamp column as stored by {@link #setInstant}; null stays null. */
    public abstract Instant getInstant(ResultSet row, String column) throws SQLException;

    /**
     * The transaction lost a conflict with another one and was rolled back (a deadlock, a
     * serialization failure): running it again may succeed at once. Where writers are serialized,
     * there are no such conflicts.
     */
    public boolean isLostConflict(SQLException e) {
        return false;
    }

    /**
     * The error broke the connection, and the pool closes it instead of lending it again: a writer
     * may run its transaction once more on a new connection at once. On SQLite, a connection opened
     * while the file could not be written stays read-only after the file can be again; a new one is
     * not. Where a broken connection means the server is away, a new one would only wait again.
     */
    public boolean isBrokenConnection(SQLException e) {
        return false;
    }

    public abstract void setJson(PreparedStatement statement, int index, String json) throws SQLException;

    /**
     * Whether several instances may share this database, so that each must tell the others about its
     * changes ({@link #announce}, {@link #listen}, {@link #awaitAnnouncements}).
     */
    public boolean sharedByInstances() {
        return false;
    }

    /** Sends the messages on the channel; they are delivered when the connection's transaction commits. */
    public void announce(Connection connection, String channel, List<String> messages) throws SQLException {
        throw new SQLFeatureNotSupportedException(backend() + " has no notifications between sessions");
    }

    /**
     * Subscribes the connection to the channel. Throws {@link SQLFeatureNotSupportedException} when the
     * connection cannot receive notifications (e.g. a server DataSource whose driver the app cannot see).
     */
    public void listen(Connection connection, String channel) throws SQLException {
        throw new SQLFeatureNotSupportedException(backend() + " has no notifications between sessions");
    }

    /** The payloads received on a {@link #listen}ing connection, waiting up to the timeout for one. */
    public List<String> awaitAnnouncements(Connection connection, int timeoutMillis) throws SQLException {
        throw new SQLFeatureNotSupportedException(backend() + " has no notifications between sessions");
    }

    /**
     * Locks the image updates with the given ids, in ascending id order, until the transaction ends.
     * Bulk changes call it before they change rows, so that two of them over overlapping rows take
     * their locks in the same order and cannot deadlock; the transaction may then wait longer than a
     * single request for the rows (PostgreSQL: 15 s). Where writers are serialized, nothing to do.
     */
    public void lockUpdatesInIdOrder(Connection connection, List<Long> ids) throws SQLException {
        // one writer at a time: no lock order to keep
    }

    /**
     * Takes the lock that lets one instance prune at a time, for the connection's current transaction;
     * false when another instance holds it. A database for one instance needs no lock.
     */
    public boolean tryPruneLock(Connection connection, long key) throws SQLException {
        return true;
    }

    /**
     * Keeps the data version's table small (see {@link DataVersion}) without changing the version. One
     * row where writers are serialized: nothing to do.
     */
    public void foldDataVersion(Connection connection) throws SQLException {
        // one row, moved by every write
    }
}
