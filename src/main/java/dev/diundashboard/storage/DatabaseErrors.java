package dev.diundashboard.storage;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
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

    /** The database cannot be reached or cannot write now: a 503, retry later. */
    public static boolean isUnavailable(SQLException e) {
        if (e instanceof SQLTransientConnectionException) {
            return true;
        }
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
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
