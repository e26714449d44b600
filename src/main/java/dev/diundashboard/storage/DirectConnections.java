package dev.diundashboard.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Pooled connections outside any JTA transaction, for code that manages its own transactions or reads
 * in auto-commit mode on a hot path (the ingest writer, the data version): from the application's
 * pool, or jdbc/diun's non-transactional variant. They skip the container's connection handle and
 * transaction enlistment. The caller closes each one.
 */
@FunctionalInterface
public interface DirectConnections {
    Connection open() throws SQLException;
}
