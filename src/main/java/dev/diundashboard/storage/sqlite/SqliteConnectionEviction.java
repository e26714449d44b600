package dev.diundashboard.storage.sqlite;

import com.zaxxer.hikari.SQLExceptionOverride;
import dev.diundashboard.storage.DatabaseErrors;
import java.sql.SQLException;

/**
 * Closes a SQLite connection after an error that leaves it unusable ({@link
 * SqliteErrors#isBrokenConnection}) instead of handing it to the next transaction.
 * Constraint violations and plain SQL errors keep the connection.
 */
public class SqliteConnectionEviction implements SQLExceptionOverride {

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return DatabaseErrors.anyInChain(e, SqliteErrors::isBrokenConnection)
                ? Override.MUST_EVICT
                : Override.CONTINUE_EVICT;
    }
}
