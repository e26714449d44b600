package dev.diundashboard.updates;

import dev.diundashboard.audit.AuditLog;
import dev.diundashboard.live.Change;
import dev.diundashboard.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * What follows every change to what {@link Classification} reads (ignore rules, release-notes links,
 * host aliases), in the caller's transaction: every stored update is classified again, so that what
 * is stored never disagrees with the settings; the change is audited; open pages reload.
 */
@ApplicationScoped
public class SettingsChanges {

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Event<Change> changes;

    @Inject
    StackKeys stacks;

    /** @param target what changed, read after the flush (a new row has its id by then) */
    void applied(String action, Supplier<String> target, JsonObjectBuilder details) {
        em.flush();
        try {
            Classification.refreshAll(em.unwrap(Connection.class), stacks);
        } catch (SQLException e) {
            throw new StorageException("could not classify the stored updates again", e);
        }
        audit.record(action, target.get(), details);
        changes.fire(Change.resync());
    }
}
