package dev.diundashboard.storage.postgresql;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/** What a PostgreSQL failure means, read from its SQLSTATE. */
public final class PostgresErrors {

    /**
     * PostgreSQL states that say "not now" rather than "never": the same request may succeed when
     * retried. Classes 08 (connection), 53 (insufficient resources: too many connections, disk full,
     * out of memory) and 57P (shutdown, restart, cannot connect now); a deadlock or serialization
     * failure (the transaction was rolled back); a read-only transaction (a replica, as after a
     * failover); a statement or lock wait cut by the configured timeouts.
     */
    private static final Set<String> TRANSIENT_STATES = Set.of(
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "25006", // read_only_sql_transaction
            "57014", // query_canceled (statement_timeout)
            "55P03"); // lock_not_available (lock_timeout)

    private static final List<String> TRANSIENT_CLASSES = List.of("08", "53", "57P");

    private PostgresErrors() {}

    /** The database cannot be reached, cannot write now or gave up on this transaction. */
    public static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return state != null
                && (TRANSIENT_STATES.contains(state)
                        || TRANSIENT_CLASSES.stream().anyMatch(state::startsWith));
    }

    /** A unique or foreign-key constraint refused the change (class 23, integrity constraint violation). */
    public static boolean isConstraintViolation(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("23");
    }
}
