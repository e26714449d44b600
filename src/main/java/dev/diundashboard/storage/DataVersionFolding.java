package dev.diundashboard.storage;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Once a day, {@link Dialect#foldDataVersion}. The timer is not persistent: every instance has one, and
 * folding twice at once is harmless (each statement adds exactly the rows it deletes).
 */
@Singleton
public class DataVersionFolding {

    private static final Logger LOG = Logger.getLogger(DataVersionFolding.class.getName());

    @Inject
    Dialect dialect;

    @Inject
    DirectConnections connections;

    @Schedule(hour = "3", minute = "41", persistent = false, info = "data version folding")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void daily() {
        try (Connection c = connections.open()) {
            dialect.foldDataVersion(c);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "folding the data version failed; the next run retries", e);
        }
    }
}
