package dev.diundashboard.storage;

/**
 * The wait between attempts to reach the database, the same everywhere: 1 s, doubling to at most
 * 30 s, and back to 1 s after a success. One per retrying loop; not thread-safe.
 */
public final class Backoff {

    static final long FIRST_MILLIS = 1_000;
    static final long MAX_MILLIS = 30_000;

    private long next = FIRST_MILLIS;

    /** The wait before the next attempt; the one after is twice as long, up to the maximum. */
    public long nextMillis() {
        long wait = next;
        next = Math.min(next * 2, MAX_MILLIS);
        return wait;
    }

    /** After a success: the next failure waits the first interval again. */
    public void reset() {
        next = FIRST_MILLIS;
    }
}
