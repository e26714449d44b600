package dev.diundashboard.storage;

import dev.diundashboard.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Queues writers on SQLite, which allows one writer at a time, so that no client ever sees
 * SQLITE_BUSY. Wrap the call to the transactional store method: the lock is held until after the
 * commit. On PostgreSQL writers run concurrently and this does nothing.
 */
@ApplicationScoped
public class WriteGate {

    private static final long WAIT_SECONDS = 30;

    @Inject
    Dialect dialect;

    private final ReentrantLock lock = new ReentrantLock(true);

    public <T> T run(Supplier<T> write) {
        if (!dialect.serializesWrites()) {
            return write.get();
        }
        try {
            if (!lock.tryLock(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        try {
            return write.get();
        } finally {
            lock.unlock();
        }
    }

    public void run(Runnable write) {
        run(() -> {
            write.run();
            return null;
        });
    }

    private static ApiException busy() {
        return new ApiException(503, "service unavailable", "the database is busy; retry later");
    }
}
