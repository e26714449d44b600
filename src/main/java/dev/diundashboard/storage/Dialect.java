package dev.diundashboard.storage;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * What differs between the two databases in Java: the native upsert statements, how timestamps and
 * JSON are bound, and whether writes must be serialized. Everything else is shared JPA code.
 */
public abstract class Dialect {

    static final String UPSERT_COLUMNS =
            "(hostname, image, status, provider, hub_link, mime_type, digest, created, platform, metadata,"
                    + " diun_version, first_seen, last_seen, seen_count)";

    static final String INSERT_EVENT =
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

    public abstract void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException;

    public abstract void setJson(PreparedStatement statement, int index, String json) throws SQLException;
}
