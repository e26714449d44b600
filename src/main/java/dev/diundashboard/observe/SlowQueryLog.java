package dev.diundashboard.observe;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Logs a statement that took longer than the threshold with its name and duration, and counts it.
 * Only the name is known here (a store method or named query), so parameters can never be logged.
 */
public final class SlowQueryLog {

    static final Logger LOG = Logger.getLogger(SlowQueryLog.class.getName());

    private final long thresholdNanos;
    private final Consumer<String> counter;

    SlowQueryLog(long thresholdMillis, Consumer<String> counter) {
        this.thresholdNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, thresholdMillis));
        this.counter = counter;
    }

    /** Returns true when the statement was slow. */
    boolean observe(String statement, long elapsedNanos) {
        if (elapsedNanos < thresholdNanos) {
            return false;
        }
        counter.accept(statement);
        LOG.warning(() -> String.format(
                Locale.ROOT,
                "slow query: %s took %.1f ms (SLOW_QUERY_MS=%d)",
                statement,
                elapsedNanos / 1e6,
                TimeUnit.NANOSECONDS.toMillis(thresholdNanos)));
        return true;
    }
}
