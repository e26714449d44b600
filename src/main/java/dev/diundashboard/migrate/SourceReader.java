package dev.diundashboard.migrate;

import dev.diundashboard.migrate.Schema.Table;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Reads one table of the source on a thread of its own, ahead of the copy, and hands its rows over
 * in chunks, in key order. What is read ahead is bounded in rows and in bytes ({@value
 * #READ_AHEAD_BYTES} of values, besides the one row being read), so a source of large values needs no
 * more memory than the copy did row by row. A failure to read (a damaged page, a value the reader
 * refuses) reaches the copy after the rows read before it, so the copy stops at the same row, with
 * the same batches committed, as it would reading row by row.
 */
final class SourceReader implements AutoCloseable {

    static final int CHUNK_ROWS = 256;
    static final int CHUNK_BYTES = 256 * 1024;
    static final int READ_AHEAD_BYTES = 8 << 20;
    private static final int CHUNKS = 4;
    private static final int VALUE_OVERHEAD = 16;

    /** Rows in key order; the reader fills it, then the copy, then it goes back to be filled again. */
    static final class Chunk {
        final Object[][] rows;
        final long[] keys = new long[CHUNK_ROWS];
        int size;
        int bytes;
        int permits;
        /** The last chunk of the table; it may carry the reason the reading stopped. */
        boolean last;

        Throwable failure;

        Chunk(int width) {
            rows = new Object[CHUNK_ROWS][width];
        }
    }

    private final Database source;
    private final Table table;
    private final long afterKey;
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS);
    private final Semaphore readAhead = new Semaphore(READ_AHEAD_BYTES);
    private final Thread thread;
    private volatile boolean stopped;

    SourceReader(Database source, Table table, long afterKey) {
        this.source = source;
        this.table = table;
        this.afterKey = afterKey;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new Chunk(table.width()));
        }
        thread = new Thread(this::run, "diun-source-" + table.name());
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Chunk chunk;
        try {
            chunk = free.take();
        } catch (InterruptedException e) {
            return;
        }
        Object[] row = new Object[table.width()];
        try (RowCursor rows = source.read(table, afterKey)) {
            while (!stopped && rows.next(row)) {
                int bytes = bytes(row);
                int need = Math.min(bytes, READ_AHEAD_BYTES);
                if (chunk.size == CHUNK_ROWS || chunk.bytes >= CHUNK_BYTES || !readAhead.tryAcquire(need)) {
                    if (chunk.size > 0) {
                        full.put(chunk);
                        chunk = free.take();
                    }
                    if (need > 0 && !readAhead.tryAcquire(need)) {
                        readAhead.acquire(need); // holding no other permits: the copy frees them all
                    }
                }
                Object[] spare = chunk.rows[chunk.size];
                chunk.rows[chunk.size] = row;
                chunk.keys[chunk.size] = rows.key();
                chunk.size++;
                chunk.bytes += bytes;
                chunk.permits += need;
                row = spare;
            }
        } catch (InterruptedException e) {
            return; // closed by the copy, which is not waiting for more
        } catch (Throwable e) {
            chunk.failure = e;
        }
        chunk.last = true;
        try {
            full.put(chunk);
        } catch (InterruptedException e) {
            // closed by the copy
        }
    }

    private static int bytes(Object[] row) {
        long n = 0;
        for (Object v : row) {
            n += VALUE_OVERHEAD + (v instanceof byte[] b ? b.length : 0);
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /** The next chunk of rows in key order; the last one says so, and may carry the failure that ended it. */
    Chunk next() {
        try {
            while (true) {
                Chunk c = full.poll(1, TimeUnit.SECONDS);
                if (c != null) {
                    return c;
                }
                if (!thread.isAlive() && full.isEmpty()) {
                    throw new IllegalStateException("the reader of " + table.name() + " stopped unexpectedly");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while copying " + table.name(), e);
        }
    }

    /** Gives a chunk the copy is done with back to the reader; the copy must not look at it again. */
    void release(Chunk c) {
        readAhead.release(c.permits);
        c.size = 0;
        c.bytes = 0;
        c.permits = 0;
        c.last = false;
        c.failure = null;
        free.add(c);
    }

    /** Rethrows what stopped the reading, as the reader got it. */
    static void rethrow(Throwable failure) throws SQLException {
        if (failure instanceof SQLException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(failure);
    }

    /** Stops the reader (if the copy stopped before the end) and waits for it to close its cursor. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
