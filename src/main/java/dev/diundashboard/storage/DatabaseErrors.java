package dev.diundashboard.storage;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a database failure means, for both dialects in one place: PostgreSQL speaks SQLSTATE, SQLite
 * (which sets none) speaks its primary result codes. The error mapper and the pool ask here.
 */
public final class DatabaseErrors {

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_NOTADB = 26;

    private DatabaseErrors() {}

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

    /** The database cannot be reached, cannot write now or gave up on this transaction: a 503, retry later. */
    public static boolean isUnavailable(SQLException e) {
        if (e instanceof SQLTransientConnectionException) {
            return true;
        }
        String state = e.getSQLState();
        if (state != null
                && (TRANSIENT_STATES.contains(state)
                        || TRANSIENT_CLASSES.stream().anyMatch(state::startsWith))) {
            return true;
        }
        return sqliteCode(e) == SQLITE_BUSY || isBrokenSqliteConnection(e);
    }

    /** A unique or foreign-key constraint refused the change. */
    public static boolean isConstraintViolation(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("23") || sqliteCode(e) == SQLITE_CONSTRAINT;
    }

    /**
     * A SQLite connection that must not be reused: after an I/O, space, permission or corruption
     * error, or a failed commit, sqlite-jdbc can be left in autocommit mode.
     */
    public static boolean isBrokenSqliteConnection(SQLException e) {
        int code = sqliteCode(e);
        return code == SQLITE_READONLY
                || code == SQLITE_IOERR
                || code == SQLITE_CORRUPT
                || code == SQLITE_FULL
                || code == SQLITE_CANTOPEN
                || code == SQLITE_NOTADB
                || isSqlite(e) && e.getMessage() != null && e.getMessage().contains("no transaction is active");
    }

    /** Whether any SQLException in the cause chain matches. */
    public static boolean anyInChain(Throwable thrown, Predicate<SQLException> test) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && test.test(sql)) {
                return true;
            }
        }
        return false;
    }

    private static int sqliteCode(SQLException e) {
        return isSqlite(e) ? e.getErrorCode() & 0xff : -1;
    }

    private static boolean isSqlite(SQLException e) {
        return e.getClass().getName().startsWith("org.sqlite");
    }
}
