package dev.diundashboard.migrate;

import dev.diundashboard.migrate.Schema.Table;
import dev.diundashboard.migrate.Verifier.Side;
import dev.diundashboard.storage.Backend;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Copies table after table in foreign-key order, each in key order and in batches of one
 * transaction. Resuming needs no bookkeeping: a batch is committed whole or not at all, so the
 * target's largest key says exactly where each table stopped.
 *
 * <p>Three things run at once: a {@link SourceReader} reads the source ahead of the copy; the copy
 * checks each row ({@link RowLimits}, and the JSON limits in the same pass that digests the row for
 * the verification, {@link RowDigest#addChecked}) and writes it to the target; a {@link ReadBack}
 * reads each committed batch back from the target and digests it. The source is read once: its
 * checksum is taken from the rows as they are copied, and its row count from the database, in the
 * same snapshot. On a resumed table the rows copied by the interrupted run are read from the source
 * (and digested, not written) and read back from the target too, so the verification covers every
 * row either way.
 */
final class Copier implements AutoCloseable {

    private final Database source;
    private final Database target;
    private final ReadBack readBack;
    private final int batchRows;
    private final PrintWriter out;
    private final PrintStream progress;
    private final List<Side> sources = new ArrayList<>();

    Copier(
            Database source,
            Database target,
            Database readBackFrom,
            int batchRows,
            PrintWriter out,
            PrintStream progress) {
        this.source = source;
        this.target = target;
        this.readBack = new ReadBack(readBackFrom);
        this.batchRows = batchRows;
        this.out = out;
        this.progress = progress;
    }

    /** Copies what the target lacks; returns the number of rows copied. The read-back may still run. */
    long copyAll() throws SQLException {
        long total = 0;
        for (int i = 0; i < Schema.TABLES.size(); i++) {
            total += copy(i, Schema.TABLES.get(i));
        }
        return total;
    }

    /**
     * Waits for the read-back; returns the source's and the target's side of each table, in {@link
     * Schema#TABLES} order.
     */
    List<Side[]> sides() throws SQLException {
        List<Side> targets = readBack.finish();
        List<Side[]> both = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            both.add(new Side[] {sources.get(i), targets.get(i)});
        }
        return both;
    }

    private long copy(int index, Table t) throws SQLException {
        long after = target.maxKey(t);
        boolean resumed = after != Long.MIN_VALUE;
        long remaining = source.count(t, after);
        long sourceRows = resumed ? source.count(t, Long.MIN_VALUE) : remaining;
        if (resumed) {
            readBack.submit(index, Long.MIN_VALUE, after, false);
        }
        boolean postgresSafe = target.backend() == Backend.POSTGRESQL;
        RowDigest digest = new RowDigest(t);
        RowLimits limits = new RowLimits(t);
        long started = System.nanoTime();
        long copied = 0;
        long committed = after;
        try (ProgressBar bar = bar(t, remaining);
                SourceReader reader = new SourceReader(source, t, resumed ? Long.MIN_VALUE : after);
                RowWriter writer = target.writer(t)) {
            int inBatch = 0;
            long lastKey = after;
            boolean lastChunk;
            do {
                SourceReader.Chunk chunk = reader.next();
                lastChunk = chunk.last;
                Throwable failure = chunk.failure;
                for (int i = 0; i < chunk.size; i++) {
                    Object[] row = chunk.rows[i];
                    long key = chunk.keys[i];
                    if (key <= after) {
                        digest.add(row); // committed by the interrupted run; read back as such
                        continue;
                    }
                    limits.check(row, key);
                    digest.addChecked(row, key, postgresSafe);
                    writer.add(row, key);
                    lastKey = key;
                    if (++inBatch == batchRows) {
                        writer.commit();
                        readBack.submit(index, committed, lastKey, false);
                        committed = lastKey;
                        bar.stepBy(inBatch);
                        copied += inBatch;
                        inBatch = 0;
                        readBack.checkFailure();
                    }
                }
                reader.release(chunk); // the reader may fill it again at once
                if (failure != null) {
                    SourceReader.rethrow(failure);
                }
            } while (!lastChunk);
            writer.commit();
            bar.stepBy(inBatch);
            copied += inBatch;
        }
        // Up to no end: rows the target holds beyond what was copied are read back too.
        readBack.submit(index, committed, Long.MAX_VALUE, true);
        sources.add(
                digest.rows() == sourceRows
                        ? new Side(sourceRows, digest.hex())
                        : new Side(sourceRows, "read " + digest.rows() + " of " + sourceRows + " rows"));
        double seconds = (System.nanoTime() - started) / 1e9;
        String resumedNote = resumed ? " (resumed after " + t.key() + " " + after + ")" : "";
        out.printf(
                "copied %-16s %,12d rows in %7.2f s (%,.0f rows/s)%s%n",
                t.name(), copied, seconds, copied / Math.max(seconds, 1e-9), resumedNote);
        out.flush();
        return copied;
    }

    private ProgressBar bar(Table t, long max) {
        return new ProgressBarBuilder()
                .setTaskName(String.format("%-16s", t.name()))
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" rows", 1)
                .showSpeed()
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(progress))
                .startsFrom(0, Duration.ZERO)
                .build();
    }

    /** Stops the read-back if the run ends before {@link #sides()}. */
    @Override
    public void close() {
        readBack.close();
    }
}
