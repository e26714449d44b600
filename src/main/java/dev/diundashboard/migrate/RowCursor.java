package dev.diundashboard.migrate;

import java.sql.SQLException;

/** Rows of one table in key order, each as the values in transit ({@link Schema.Kind}). */
interface RowCursor extends AutoCloseable {

    /** Fills {@code row} with the next row; false at the end. */
    boolean next(Object[] row) throws SQLException;

    /** The key of the row last read. */
    long key();

    @Override
    void close() throws SQLException;
}
