package dev.diundashboard.migrate;

import java.sql.SQLException;

/** Writes rows of one table into the target, one transaction per batch. */
interface RowWriter extends AutoCloseable {

    void add(Object[] row, long key) throws SQLException;

    /** Makes the rows added since the last commit durable, all or none. */
    void commit() throws SQLException;

    @Override
    void close() throws SQLException;
}
