package dev.diundashboard.updates;

import dev.diundashboard.storage.Dialect;
import dev.diundashboard.storage.Statements;
import dev.diundashboard.storage.StorageException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** One batch of {@link EventPruning} in a transaction of its own, on the application's connection. */
@Stateless
@Statements
public class EventPruner {

    @Inject
    EntityManager em;

    @Inject
    Dialect dialect;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int pruneBatch(Instant cutoff, int limit) {
        try {
            return EventPruning.pruneBatch(em.unwrap(Connection.class), dialect, cutoff, limit);
        } catch (SQLException e) {
            throw new StorageException("could not prune old events", e);
        }
    }
}
