package dev.diundashboard.updates;

import dev.diundashboard.storage.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The retention rule on plain JDBC: which events are old, and one batch of deletes. Deleting by a
 * cutoff is idempotent, so instances that run it at the same time cannot do harm; on PostgreSQL a
 * transaction-scoped advisory lock also keeps a second instance from doing the same work.
 */
public final class EventPruning {

    /** Arbitrary, fixed: the advisory lock key of event pruning ("diun" + 1). */
    static final long ADVISORY_LOCK_KEY = 0x6469756E_00000001L;

    static final String DELETE_BATCH = "DELETE FROM events WHERE id IN"
            + " (SELECT id FROM events WHERE received_at < ? ORDER BY received_at LIMIT ?)";

    private EventPruning() {}

    /** Events received before this instant are pruned; empty when retention is off (0 days). */
    public static Optional<Instant> cutoff(Instant now, int retentionDays) {
        if (retentionDays < 0) {
            throw new IllegalArgumentException("EVENT_RETENTION_DAYS must be 0 (keep everything) or more");
        }
        return retentionDays == 0 ? Optional.empty() : Optional.of(now.minus(Duration.ofDays(retentionDays)));
    }

    /**
     * Deletes up to {@code limit} events older than the cutoff in the connection's current transaction.
     * Returns how many, or -1 when another instance holds the pruning lock (it is pruning now).
     */
    public static int pruneBatch(Connection connection, Dialect dialect, Instant cutoff, int limit)
            throws SQLException {
        if (!dialect.tryPruneLock(connection, ADVISORY_LOCK_KEY)) {
            return -1;
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE_BATCH)) {
            dialect.setInstant(delete, 1, cutoff);
            delete.setInt(2, limit);
            return delete.executeUpdate();
        }
    }
}
