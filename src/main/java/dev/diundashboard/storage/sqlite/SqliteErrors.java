package dev.diundashboard.storage.sqlite;

import java.sql.SQLException;

/**
 * What a SQLite failure means. SQLite sets no SQLSTATE; sqlite-jdbc reports the extended result code,
 * whose low byte is the primary code read here.
 */
public final class SqliteErrors {

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_NOTADB = 26;

    private SqliteErrors() {}

    /** Another connection holds the write lock: the same request may succeed when retried. */
    public static boolean isBusy(SQLException e) {
        return sqliteCode(e) == SQLITE_BUSY;
    }

    /** A unique or foreign-key constraint refused the change. */
    public static boolean isConstraintViolation(SQLException e) {
        return sqliteCode(e) == SQLITE_CONSTRAINT;
    }

    /**
     * A SQLite connection that must not be reused: after an I/O, space, permission or corruption
     * error, or a failed commit, sqlite-jdbc can be left in autocommit mode.
     */
    public static boolean isBrokenConnection(SQLException e) {
        int code = sqliteCode(e);
        return code == SQLITE_READONLY
                || code == SQLITE_IOERR
                || code == SQLITE_CORRUPT
                || code == SQLITE_FULL
                || code == SQLITE_CANTOPEN
                || code == SQLITE_NOTADB
                || isSqlite(e) && e.getMessage() != null && e.getMessage().contains("no transaction is active");
    }

    private static int sqliteCode(SQLException e) {
        return isSqlite(e) ? e.getErrorCode() & 0xff : -1;
    }

    private static boolean isSqlite(SQLException e) {
        return e.getClass().getName().startsWith("org.sqlite");
    }
}
