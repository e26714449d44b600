package dev.diundashboard.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Queues writers on SQLite, which allows one writer at a time, so that no client ever sees
 * SQLITE_BUSY. Mark the method that calls the transactional store method {@link GatedWrite} (or, where
 * no container calls it, wrap that call in {@link #run}): the lock is held until after the commit. On
 * PostgreSQL writers run concurrently and this does nothing.
 *
 * <p>A writer waits at most {@value #WAIT_MILLIS} ms for its turn (Diun gives up after 10 s), and at
 * most {@code DB_WRITE_QUEUE} writers wait at once; past either, the request gets 503 with
 * Retry-After, so that a stuck write (a file locked by another process) cannot tie up every worker.
 */
@ApplicationScoped
public class WriteGate {

    static final long WAIT_MILLIS = 5_000;

    @Inject
    Dialect dialect;

    @Inject
    @ConfigProperty(name = "DB_WRITE_QUEUE", defaultValue = "100")
    int maxWaiting;

    private final ReentrantLock lock = new ReentrantLock(true);
    private final AtomicInteger waiting = new AtomicInteger();

    /** For CDI. */
    WriteGate() {}

    /** Outside a container (tests and tools). */
    public WriteGate(Dialect dialect, int maxWaiting) {
        this.dialect = dialect;
        this.maxWaiting = maxWaiting;
    }

    /** A write that may throw what the method it stands for declares. */
    @FunctionalInterface
    public interface Write<T> {
        T run() throws Exception;
    }

    /** Runs the write in its turn (on SQLite), or at once; what it throws passes through unchanged. */
    public <T> T call(Write<T> write) throws Exception {
        if (!dialect.serializesWrites()) {
            return write.run();
        }
        acquire();
        try {
            return write.run();
        } finally {
            lock.unlock();
        }
    }

    public <T> T run(Supplier<T> write) {
        try {
            return call(write::get);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // a Supplier throws no checked exception
        }
    }

    public void run(Runnable write) {
        run(() -> {
            write.run();
            return null;
        });
    }

    private void acquire() {
        // Counts every writer between arrival and its turn; tryLock with a timeout keeps the lock fair.
        if (waiting.incrementAndGet() > Math.max(1, maxWaiting)) {
            waiting.decrementAndGet();
            throw busy(maxWaiting + " writes are already waiting");
        }
        try {
            if (!lock.tryLock(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw busy("a write waited " + WAIT_MILLIS / 1000 + " s for its turn");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy("interrupted while waiting for its turn");
        } finally {
            waiting.decrementAndGet();
        }
    }

    private static DatabaseUnavailableException busy(String why) {
        return new DatabaseUnavailableException("the database is busy (" + why + "); retry later");
    }
}
