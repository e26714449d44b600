package dev.diundashboard.storage;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * A SQLite connection that saw an I/O, space, permission or "no transaction" error is closed rather
 * than reused: after a failed commit sqlite-jdbc can fall back to autocommit, and the next
 * transaction on that connection would commit statement by statement. Constraint violations and
 * plain SQL errors keep the connection.
 */
public class SqliteConnectionEviction implements SQLExceptionOverride {

    // SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB
    private static final int[] FATAL_PRIMARY_CODES = {8, 10, 11, 13, 14, 26};

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && isFatal(sql)) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }

    static boolean isFatal(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        for (int code : FATAL_PRIMARY_CODES) {
            if (primary == code) {
                return true;
            }
        }
        String message = e.getMessage();
        return message != null && (message.contains("no transaction is active") || message.contains("SQLITE_IOERR"));
    }
}
