package dev.diundashboard.storage;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** SQLite: one writer at a time, timestamps as fixed-width UTC text, JSON as checked text. */
public class SqliteDialect extends Dialect {

    private static final String UPSERT = "INSERT INTO updates " + UPSERT_COLUMNS
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
            + " ON CONFLICT (hostname, image) DO UPDATE SET"
            + " status = excluded.status, provider = excluded.provider, hub_link = excluded.hub_link,"
            + " mime_type = excluded.mime_type, digest = excluded.digest, created = excluded.created,"
            + " platform = excluded.platform, metadata = excluded.metadata, diun_version = excluded.diun_version,"
            + " last_seen = MAX(updates.last_seen, excluded.last_seen), seen_count = updates.seen_count + 1,"
            + " acknowledged_at = CASE WHEN updates.digest IS excluded.digest"
            + " THEN updates.acknowledged_at ELSE NULL END"
            + " RETURNING id";

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
}
