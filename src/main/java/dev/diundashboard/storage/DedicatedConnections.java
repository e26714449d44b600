package dev.diundashboard.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Connections outside any pool and any transaction, for a long-lived session such as a LISTEN (see
 * {@link DataSourceChoice#dedicatedConnection()}). Injected, so that the code that holds such a session
 * never asks where the connections come from. The caller closes each one.
 */
@FunctionalInterface
public interface DedicatedConnections {
    Connection open() throws SQLException;
}
