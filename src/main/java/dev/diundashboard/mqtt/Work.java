package dev.diundashboard.mqtt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What waits to be published, coalesced: updates to look at (each once, however often it changed)
 * and whether the whole pending list must be looked at. One drainer at a time: {@link #offer} style
 * methods answer true when the caller must start draining, and the drainer calls {@link #take} until
 * it answers null, which also ends its turn. Never blocks the thread that reports a change.
 */
final class Work {

    /** Past this many single updates, one look at the whole list is cheaper. */
    static final int MAX_SINGLE = 200;

    private final Map<Long, Boolean> updates = new LinkedHashMap<>();
    private boolean all;
    private boolean online;
    private boolean draining;

    /** What to do next: the whole list, and/or single updates (true: a change this instance made). */
    record Batch(boolean all, Map<Long, Boolean> updates, boolean online) {}

    /** One update changed; {@code force} when this instance changed it. */
    synchronized boolean update(long id, boolean force) {
        if (!all) {
            updates.merge(id, force, Boolean::logicalOr);
            if (updates.size() > MAX_SINGLE) {
                updates.clear();
                all = true;
            }
        }
        return start();
    }

    /** Many updates changed, or changes may have been missed: look at the whole pending list. */
    synchronized boolean all() {
        all = true;
        updates.clear();
        return start();
    }

    /** Say "online" again (another instance's last will said "offline" while this one is connected). */
    synchronized boolean online() {
        online = true;
        return start();
    }

    private boolean start() {
        if (draining) {
            return false;
        }
        draining = true;
        return true;
    }

    /** The next batch, or null when there is none (the drainer's turn ends). */
    synchronized Batch take() {
        if (!all && updates.isEmpty() && !online) {
            draining = false;
            return null;
        }
        Batch batch = new Batch(all, Map.copyOf(updates), online);
        all = false;
        online = false;
        updates.clear();
        return batch;
    }

    /** Drops what waits (nothing can be published now; the next connection syncs everything). */
    synchronized void clear() {
        all = false;
        online = false;
        updates.clear();
    }
}
