package dev.diundashboard.storage;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** PostgreSQL: concurrent writers, native timestamptz and jsonb. */
public class PostgresDialect extends Dialect {

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
}
