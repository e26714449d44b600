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

/**
 * Once a minute, snoozed updates whose time has come return to the pending list. Ending them is a
 * write, so the list's ETag moves and open pages hear of it. The timer is not persistent: every
 * instance has one, and ending a snooze twice is harmless.
 */
@Singleton
public class SnoozeExpiry {

    private static final Logger LOG = Logger.getLogger(SnoozeExpiry.class.getName());

    @Inject
    UpdatesStore store;

    @Inject
    UpdateQueries queries;

    @Inject
    WriteGate writes;

    @Schedule(hour = "*", minute = "*", persistent = false, info = "snooze expiry")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void everyMinute() {
        try {
            if (queries.snoozesDue(Instant.now())) {
                writes.run(store::endSnoozes);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "ending due snoozes failed; the next minute retries", e);
        }
    }
}
