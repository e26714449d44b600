package dev.diundashboard.updates;

import dev.diundashboard.storage.WriteGate;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Prunes history events older than {@code EVENT_RETENTION_DAYS} (default 365; 0 keeps everything)
 * once a day, in batches of {@value #BATCH} rows, each its own short transaction (through the
 * {@link WriteGate} on SQLite, so webhooks keep flowing between batches). The timer is not
 * persistent: every instance has one, and {@link EventPruning} makes concurrent runs harmless.
 */
@Singleton
public class EventRetention {

    static final int BATCH = 1_000;
    private static final Logger LOG = Logger.getLogger(EventRetention.class.getName());

    @Inject
    @ConfigProperty(name = "EVENT_RETENTION_DAYS", defaultValue = "365")
    int retentionDays;

    @Inject
    EventPruner pruner;

    @Inject
    WriteGate writes;

    @Schedule(hour = "3", minute = "17", persistent = false, info = "event retention")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void daily() {
        try {
            long pruned = prune(Instant.now());
            if (pruned > 0) {
                LOG.info(() -> "Pruned " + pruned + " history event(s) older than " + retentionDays + " days");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "pruning old history events failed; the next run retries", e);
        }
    }

    /** Prunes everything older than the retention; returns how many events were deleted. */
    long prune(Instant now) {
        var cutoff = EventPruning.cutoff(now, retentionDays);
        if (cutoff.isEmpty()) {
            return 0;
        }
        long total = 0;
        int deleted;
        do {
            deleted = writes.run(() -> pruner.pruneBatch(cutoff.get(), BATCH));
            total += Math.max(0, deleted);
        } while (deleted == BATCH);
        return total;
    }
}
