package dev.diundashboard.migrate;

import dev.diundashboard.migrate.Schema.Table;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Copies table after table in foreign-key order, each in key order and in batches of one
 * transaction. Resuming needs no bookkeeping: a batch is committed whole or not at all, so the
 * target's largest key says exactly where each table stopped.
 */
final class Copier {

    private final Database source;
    private final Database target;
    private final int batchRows;
    private final PrintWriter out;
    private final PrintStream progress;

    Copier(Database source, Database target, int batchRows, PrintWriter out, PrintStream progress) {
        this.source = source;
        this.target = target;
        this.batchRows = batchRows;
        this.out = out;
        this.progress = progress;
    }

    /** Copies what the target lacks; returns the number of rows copied. */
    long copyAll() throws SQLException {
        long total = 0;
        for (Table t : Schema.TABLES) {
            total += copy(t);
        }
        return total;
    }

    private long copy(Table t) throws SQLException {
        long after = target.maxKey(t);
        long remaining = source.count(t, after);
        long started = System.nanoTime();
        long copied = 0;
        Object[] row = new Object[t.width()];
        RowLimits limits = new RowLimits(t);
        try (ProgressBar bar = bar(t, remaining);
                RowCursor rows = source.read(t, after);
                RowWriter writer = target.writer(t)) {
            int inBatch = 0;
            while (rows.next(row)) {
                limits.check(row, rows.key());
                writer.add(row, rows.key());
                if (++inBatch == batchRows) {
                    writer.commit();
                    bar.stepBy(inBatch);
                    copied += inBatch;
                    inBatch = 0;
                }
            }
            writer.commit();
            bar.stepBy(inBatch);
            copied += inBatch;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String resumed = after == Long.MIN_VALUE ? "" : " (resumed after " + t.key() + " " + after + ")";
        out.printf(
                "copied %-16s %,12d rows in %7.2f s (%,.0f rows/s)%s%n",
                t.name(), copied, seconds, copied / Math.max(seconds, 1e-9), resumed);
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
}
