package dev.diundashboard.storage.postgresql;

import dev.diundashboard.storage.Backend;
import dev.diundashboard.storage.Dialect;
import dev.diundashboard.storage.IngestRow;
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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * PostgreSQL: concurrent writers, native timestamptz and jsonb, and several instances on one database
 * (LISTEN/NOTIFY between them, an advisory lock for pruning).
 */
public class PostgresDialect extends Dialect {

    /** How long a bulk change may wait for rows that other changes hold (see lockUpdatesInIdOrder). */
    static final int BULK_WAIT_SECONDS = 15;

    private static final String ON_CONFLICT = " ON CONFLICT (hostname, image) DO UPDATE SET" + ON_NEW_DIGEST
            + " status = EXCLUDED.status, provider = EXCLUDED.provider, hub_link = EXCLUDED.hub_link,"
            + " mime_type = EXCLUDED.mime_type, digest = EXCLUDED.digest, created = EXCLUDED.created,"
            + " platform = EXCLUDED.platform, metadata = EXCLUDED.metadata, diun_version = EXCLUDED.diun_version,"
            + " last_seen = GREATEST(updates.last_seen, EXCLUDED.last_seen), seen_count = updates.seen_count + 1,"
            + " acknowledged_at = CASE WHEN updates.digest IS NOT DISTINCT FROM EXCLUDED.digest"
            + " THEN updates.acknowledged_at ELSE NULL END";

    private static final String UPSERT = "INSERT INTO updates " + UPSERT_COLUMNS
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)" + ON_CONFLICT + " RETURNING id";

    /**
     * Locks the rows of a batch that exist, in (hostname, image) byte order: FOR UPDATE locks the rows
     * as the sort returns them, so batches of several instances take their locks in one order.
     */
    private static final String LOCK_EXISTING = "SELECT 1 FROM updates"
            + " WHERE (hostname, image) IN (SELECT * FROM unnest(?::text[], ?::text[]))"
            + " ORDER BY hostname, image FOR UPDATE";

    /**
     * One round of a batch, each (hostname, image) at most once (ON CONFLICT may not touch a row
     * twice in one statement): the values arrive as one array per column, the upserts run in
     * (hostname, image) order, each stored row gets its history event, and every row comes back with
     * its position in the batch.
     */
    private static final String STORE_ROUND = "WITH input AS (SELECT * FROM unnest(?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::jsonb[],"
            + " ?::text[], ?::jsonb[], ?::int[]) AS i(hostname, image, status, provider, hub_link, mime_type,"
            + " digest, created, platform, metadata, diun_version, payload, position)),"
            + " stored AS (INSERT INTO updates " + UPSERT_COLUMNS
            + " SELECT hostname, image, status, provider, hub_link, mime_type, digest, created, platform,"
            + " metadata, diun_version, ?, ?, 1 FROM input ORDER BY hostname COLLATE \"C\", image COLLATE \"C\""
            + ON_CONFLICT + " RETURNING " + STORED_COLUMNS + "),"
            + " history AS (INSERT INTO events (update_id, received_at, status, digest, payload)"
            + " SELECT s.id, ?, i.status, i.digest, i.payload FROM input i"
            + " JOIN stored s ON s.hostname = i.hostname AND s.image = i.image ORDER BY i.position)"
            + " SELECT i.position, s.* FROM input i JOIN stored s ON s.hostname = i.hostname AND s.image = i.image";

    @Override
    public Backend backend() {
        return Backend.POSTGRESQL;
    }

    @Override
    public String skipLocked(String alias) {
        return " FOR UPDATE OF " + alias + " SKIP LOCKED";
    }

    @Override
    public boolean serializesWrites() {
        return false;
    }

    @Override
    public String upsertUpdateSql() {
        return UPSERT;
    }

    /**
     * The whole batch in as few statements as its repeated keys allow: round r holds the r-th
     * occurrence of each (hostname, image), so a batch without repeats is one statement, and a
     * repeated key's later occurrences see its earlier ones. Existing rows are locked first, in one
     * order.
     */
    @Override
    public void storeAll(Connection connection, List<? extends IngestRow> rows, Instant now, StoredRowReader reader)
            throws SQLException {
        Map<List<String>, Integer> seen = new HashMap<>();
        List<List<Integer>> rounds = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            int round = seen.merge(List.of(rows.get(i).hostname(), rows.get(i).image()), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(i);
        }
        if (seen.size() > 1) {
            lockExisting(connection, new LinkedHashSet<>(seen.keySet()));
        }
        try (PreparedStatement store = connection.prepareStatement(STORE_ROUND)) {
            for (List<Integer> round : rounds) {
                bindRound(connection, store, rows, round, now);
                try (ResultSet stored = store.executeQuery()) {
                    while (stored.next()) {
                        reader.read(stored.getInt("position"), stored);
                    }
                }
            }
        }
    }

    private static void lockExisting(Connection connection, LinkedHashSet<List<String>> keys) throws SQLException {
        String[] hostnames = new String[keys.size()];
        String[] images = new String[keys.size()];
        int i = 0;
        for (List<String> key : keys) {
            hostnames[i] = key.get(0);
            images[i++] = key.get(1);
        }
        try (PreparedStatement lock = connection.prepareStatement(LOCK_EXISTING)) {
            lock.setArray(1, connection.createArrayOf("text", hostnames));
            lock.setArray(2, connection.createArrayOf("text", images));
            try (ResultSet rs = lock.executeQuery()) {
                while (rs.next()) {
                    // reading the rows takes the locks
                }
            }
        }
    }

    private void bindRound(
            Connection connection,
            PreparedStatement ps,
            List<? extends IngestRow> rows,
            List<Integer> round,
            Instant now)
            throws SQLException {
        int n = round.size();
        String[][] columns = new String[12][n];
        Integer[] positions = new Integer[n];
        for (int j = 0; j < n; j++) {
            IngestRow row = rows.get(round.get(j));
            columns[0][j] = row.hostname();
            columns[1][j] = row.image();
            columns[2][j] = row.status();
            columns[3][j] = row.provider();
            columns[4][j] = row.hubLink();
            columns[5][j] = row.mimeType();
            columns[6][j] = row.digest();
            columns[7][j] = row.created() == null ? null : row.created().toString();
            columns[8][j] = row.platform();
            columns[9][j] = row.metadataJson();
            columns[10][j] = row.diunVersion();
            columns[11][j] = row.payloadJson();
            positions[j] = round.get(j);
        }
        for (int c = 0; c < columns.length; c++) {
            ps.setArray(c + 1, connection.createArrayOf("text", columns[c]));
        }
        ps.setArray(13, connection.createArrayOf("int4", positions));
        setInstant(ps, 14, now);
        setInstant(ps, 15, now);
        setInstant(ps, 16, now);
    }

    @Override
    public Instant getInstant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Override
    public boolean isLostConflict(SQLException e) {
        return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
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

    /**
     * Each server process moves a row of its own (migration V2); processes come and go with the pools'
     * connections, so their rows are added into slot 0 once they have ended, in one statement that keeps
     * the sum. A row of a live process is never touched, so no writer waits for this.
     */
    static final String FOLD_DATA_VERSION = "WITH ended AS (DELETE FROM data_version WHERE slot <> 0"
            + " AND slot NOT IN (SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL) RETURNING changes)"
            + " UPDATE data_version SET changes = changes + (SELECT coalesce(sum(changes), 0) FROM ended)"
            + " WHERE slot = 0";

    @Override
    public void foldDataVersion(Connection connection) throws SQLException {
        try (Statement fold = connection.createStatement()) {
            fold.executeUpdate(FOLD_DATA_VERSION);
        }
    }
}
