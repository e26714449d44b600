package dev.diundashboard.live;

import java.util.ArrayDeque;

/**
 * The events waiting for one stream, at most {@code capacity} of them. A reader that falls that far
 * behind loses the waiting events, never silently: they are replaced by one {@code resync} event,
 * which is sent when the stream drains, and which tells the page to reload everything. Events that
 * arrive while a resync is pending are covered by it and not kept.
 *
 * <p>One sender at a time: {@link #offer} answers true when the caller must start draining, and the
 * drainer calls {@link #poll} until it answers null, which also ends its turn.
 */
final class SendQueue<E> {

    private final int capacity;
    private final E resync;
    private final ArrayDeque<E> waiting = new ArrayDeque<>();
    private boolean resyncPending;
    private boolean draining;
    private boolean closed;
    private long overflows;

    SendQueue(int capacity, E resync) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.resync = resync;
    }

    /** Queues an event; true when nobody is draining and the caller must start to. */
    synchronized boolean offer(E event) {
        if (closed) {
            return false;
        }
        if (!resyncPending) {
            if (waiting.size() >= capacity) {
                waiting.clear();
                resyncPending = true;
                overflows++;
            } else {
                waiting.add(event);
            }
        }
        if (draining) {
            return false;
        }
        draining = true;
        return true;
    }

    /** The next event to send, or null when there is none (the drainer's turn ends). */
    synchronized E poll() {
        if (closed) {
            draining = false;
            return null;
        }
        E next = waiting.poll();
        if (next != null) {
            return next;
        }
        if (resyncPending) {
            resyncPending = false;
            return resync;
        }
        draining = false;
        return null;
    }

    /** Drops what waits; later offers are refused. */
    synchronized void close() {
        closed = true;
        waiting.clear();
        resyncPending = false;
    }

    /** How many times the reader fell behind by a full queue. */
    synchronized long overflows() {
        return overflows;
    }

    synchronized int size() {
        return waiting.size();
    }
}
