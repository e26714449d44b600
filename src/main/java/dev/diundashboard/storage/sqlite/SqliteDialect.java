package dev.diundashboard.storage.sqlite;

import dev.diundashboard.storage.Backend;
import dev.diundashboard.storage.DatabaseErrors;
import dev.diundashboard.storage.Dialect;
import dev.diundashboard.storage.IngestRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/** SQLite: one writer at a time, timestamps as fixed-width UTC text, JSON as checked text. */
public class SqliteDialect extends Dialect {

    private static final String UPSERT_WITHOUT_RETURNING = "INSERT INTO updates " + UPSERT_COLUMNS
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
            + " ON CONFLICT (hostname, image) DO UPDATE SET" + ON_NEW_DIGEST
            + " status = excluded.status, provider = excluded.provider, hub_link = excluded.hub_link,"
            + " mime_type = excluded.mime_type, digest = excluded.digest, created = excluded.created,"
            + " platform = excluded.platform, metadata = excluded.metadata, diun_version = excluded.diun_version,"
            + " last_seen = MAX(updates.last_seen, excluded.last_seen), seen_count = updates.seen_count + 1,"
            + " acknowledged_at = CASE WHEN updates.digest IS excluded.digest"
            + " THEN updates.acknowledged_at ELSE NULL END";

    private static final String UPSERT = UPSERT_WITHOUT_RETURNING + " RETURNING id";

    private static final String UPSERT_STORED = UPSERT_WITHOUT_RETURNING + " RETURNING " + STORED_COLUMNS;

    @Override
    public Backend backend() {
        return Backend.SQLITE;
    }

    @Override
    public boolean serializesWrites() {
        return true;
    }

    @Override
    public String upsertUpdateSql() {
        return UPSERT;
    }

    /**
     * BEGIN IMMEDIATE takes the write lock first, waiting up to the busy timeout. A deferred
     * transaction that reads before it writes would have to upgrade its read snapshot, which SQLite
     * refuses at once (no waiting) when another connection wrote meanwhile. The connection stays in
     * auto-commit mode for the driver: the statements delimit the transaction.
     */
    @Override
    public void begin(Connection connection) throws SQLException {
        execute(connection, "BEGIN IMMEDIATE");
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        execute(connection, "COMMIT");
    }

    /** Some errors end the transaction themselves (SQLITE_FULL, for one): nothing is left to roll back. */
    @Override
    public void rollback(Connection connection) throws SQLException {
        try {
            execute(connection, "ROLLBACK");
        } catch (SQLException e) {
            if (e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
                throw e;
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * One writer holds the database for the whole batch anyway (the caller's transaction began with
     * BEGIN IMMEDIATE), so the two statements are prepared once and run per row, in list order.
     */
    @Override
    public void storeAll(Connection connection, List<? extends IngestRow> rows, Instant now, StoredRowReader reader)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_STORED);
                PreparedStatement event = connection.prepareStatement(INSERT_EVENT)) {
            for (int i = 0; i < rows.size(); i++) {
                IngestRow row = rows.get(i);
                bindUpsert(upsert, row, now);
                long id;
                try (ResultSet stored = upsert.executeQuery()) {
                    if (!stored.next()) {
                        throw new SQLException("the upsert returned no row");
                    }
                    id = stored.getLong("id");
                    reader.read(i, stored);
                }
                event.setLong(1, id);
                setInstant(event, 2, now);
                event.setString(3, row.status());
                event.setString(4, row.digest());
                setJson(event, 5, row.payloadJson());
                event.executeUpdate();
            }
        }
    }

    private void bindUpsert(PreparedStatement ps, IngestRow row, Instant now) throws SQLException {
        ps.setString(1, row.hostname());
        ps.setString(2, row.image());
        ps.setString(3, row.status());
        ps.setString(4, row.provider());
        ps.setString(5, row.hubLink());
        ps.setString(6, row.mimeType());
        ps.setString(7, row.digest());
        setInstant(ps, 8, row.created());
        ps.setString(9, row.platform());
        setJson(ps, 10, row.metadataJson());
        ps.setString(11, row.diunVersion());
        setInstant(ps, 12, now);
        setInstant(ps, 13, now);
    }

    @Override
    public Instant getInstant(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null ? null : SqliteTimestamps.parse(text);
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, SqliteTimestamps.format(value));
        }
    }

    @Override
    public void setJson(PreparedStatement statement, int index, String json) throws SQLException {
        if (json == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, json);
        }
    }

    @Override
    public boolean isBrokenConnection(SQLException e) {
        return DatabaseErrors.anyInChain(e, SqliteErrors::isBrokenConnection);
    }
}
