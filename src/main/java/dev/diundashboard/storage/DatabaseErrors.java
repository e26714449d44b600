package dev.diundashboard.storage;

import dev.diundashboard.storage.postgresql.PostgresErrors;
import dev.diundashboard.storage.sqlite.SqliteErrors;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Predicate;

/**
 * What a database failure means, whichever database raised it: each dialect reads its own errors
 * (PostgreSQL speaks SQLSTATE, SQLite, which sets none, its result codes) and this asks both, since the
 * error mapper and the ingest writer see the exception, not the backend. A third dialect adds its
 * reading here.
 */
public final class DatabaseErrors {

    private DatabaseErrors() {}

    /** The database cannot be reached, cannot write now or gave up on this transaction: a 503, retry later. */
    public static boolean isUnavailable(SQLException e) {
        return e instanceof SQLTransientConnectionException
                || PostgresErrors.isTransient(e)
                || SqliteErrors.isBusy(e)
                || SqliteErrors.isBrokenConnection(e);
    }

    /** A unique or foreign-key constraint refused the change. */
    public static boolean isConstraintViolation(SQLException e) {
        return PostgresErrors.isConstraintViolation(e) || SqliteErrors.isConstraintViolation(e);
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
}
