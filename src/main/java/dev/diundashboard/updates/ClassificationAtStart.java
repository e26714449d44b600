package dev.diundashboard.updates;

import dev.diundashboard.storage.Dialect;
import dev.diundashboard.storage.DirectConnections;
import dev.diundashboard.storage.SchemaStatus;
import dev.diundashboard.storage.StorageException;
import dev.diundashboard.storage.WriteGate;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Classifies every stored update once the application has started, on the server's executor so that
 * a slow or absent database delays nothing: rows stored before this version (or classified by an
 * older tag parser) get the jump that today's rules give them. Each batch of webhooks classifies its
 * own repositories as it lands, so a failure here only leaves older rows as they were until the next
 * start.
 */
@ApplicationScoped
public class ClassificationAtStart {

    private static final Logger LOG = Logger.getLogger(ClassificationAtStart.class.getName());

    @Inject
    Dialect dialect;

    @Inject
    DirectConnections connections;

    @Inject
    SchemaStatus schema;

    @Inject
    WriteGate writes;

    @Inject
    StackKeys stacks;

    @Resource
    ManagedExecutorService executor;

    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        executor.execute(this::run);
    }

    void run() {
        if (schema.refusal() != null) {
            return;
        }
        try {
            writes.run(this::classifyAll);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not classify the stored updates; the next start tries again", e);
        }
    }

    private void classifyAll() {
        try (Connection connection = connections.open()) {
            dialect.begin(connection);
            try {
                int changed = Classification.refreshAll(connection, stacks);
                dialect.commit(connection);
                if (changed > 0) {
                    LOG.info(() -> "classified " + changed + " stored updates again");
                }
            } catch (SQLException | RuntimeException e) {
                dialect.rollback(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("could not classify the stored updates", e);
        }
    }
}
