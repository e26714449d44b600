package dev.diundashboard.migrate;

import dev.diundashboard.migrate.Schema.Table;
import dev.diundashboard.migrate.Verifier.Side;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The verification's side of the target: on a connection of its own and a thread of its own, reads
 * back every batch the copy committed, by its key range and in key order, and digests each table's
 * rows as {@link Verifier} compares them with the source. It runs while the copy goes on (the batches
 * of one table while the next is copied, the last ones while the indexes are rebuilt), each range in
 * a transaction of its own, so it sees exactly what was committed.
 *
 * <p>The ranges of a table cover all its keys, from the lowest to beyond the highest, so a row the
 * target holds outside what was copied counts too. What it reads is final: the copy never changes a
 * row it committed, and the target is held by this run (and the dashboard stopped).
 */
final class ReadBack implements AutoCloseable {

    /** The rows with a key in {@code (after, upTo]}; {@code last} closes the table's digest. */
    private record Range(int table, long after, long upTo, boolean last) {}

    private static final Range END = new Range(-1, 0, 0, true);

    private final Database target;
    private final LinkedBlockingQueue<Range> ranges = new LinkedBlockingQueue<>();
    private final RowDigest[] digests = new RowDigest[Schema.TABLES.size()];
    private final Side[] sides = new Side[Schema.TABLES.size()];
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Throwable failure;

    ReadBack(Database target) {
        this.target = target;
        thread = new Thread(this::run, "diun-read-back");
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads back the rows of table {@code index} with a key in {@code (after, upTo]}, after those submitted before. */
    void submit(int index, long after, long upTo, boolean last) {
        if (failure == null) {
            ranges.add(new Range(index, after, upTo, last));
        }
    }

    /** The failure that stopped the read-back early, if any, so that the copy can stop as well. */
    void checkFailure() throws SQLException {
        if (failure != null) {
            rethrow();
        }
    }

    private void run() {
        try {
            Range r;
            while ((r = ranges.take()) != END) {
                read(r);
            }
        } catch (InterruptedException e) {
            // closed
        } catch (Throwable e) {
            failure = e;
        }
    }

    private void read(Range r) throws SQLException {
        Table t = Schema.TABLES.get(r.table());
        if (digests[r.table()] == null) {
            digests[r.table()] = new RowDigest(t);
        }
        RowDigest digest = digests[r.table()];
        Object[] row = new Object[t.width()];
        try (RowCursor rows = target.read(t, r.after(), r.upTo())) {
            while (!stopped && rows.next(row)) {
                digest.add(row);
            }
        }
        target.connection.commit(); // the next range sees the batches committed since
        if (r.last()) {
            sides[r.table()] = new Side(digest.rows(), digest.hex());
        }
    }

    /** Waits until every range submitted is read; the target's side of each table, in {@link Schema#TABLES} order. */
    List<Side> finish() throws SQLException {
        ranges.add(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading back " + target.describe(), e);
        }
        if (failure != null) {
            rethrow();
        }
        List<Side> result = new ArrayList<>(Arrays.asList(sides));
        if (result.contains(null)) {
            throw new IllegalStateException("the copy did not submit every table to the verification");
        }
        return result;
    }

    private void rethrow() throws SQLException {
        if (failure instanceof UnstorableValueException || failure instanceof MigrationException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof SQLException e) {
            throw MigrationException.database("cannot read back " + target.describe() + ": " + e.getMessage(), e);
        }
        SourceReader.rethrow(failure);
    }

    /** Stops reading back (when the run ends early) and waits for the thread to let go of its connection. */
    @Override
    public void close() {
        if (!thread.isAlive()) {
            return;
        }
        stopped = true;
        ranges.clear();
        ranges.add(END);
        thread.interrupt();
        try {
            thread.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
