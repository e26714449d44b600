package dev.diundashboard.updates;

import dev.diundashboard.audit.AuditLog;
import dev.diundashboard.live.Change;
import dev.diundashboard.platform.ApiException;
import dev.diundashboard.storage.Dialect;
import dev.diundashboard.storage.Statements;
import dev.diundashboard.storage.StorageException;
import dev.diundashboard.tags.Tag;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Every change to image updates but the webhook's (see the webhook's IngestWriter), one
 * container-managed transaction per use case.
 */
@Stateless
@Statements
public class UpdatesStore {

    private static final int BULK_CHUNK = 500;

    @Inject
    EntityManager em;

    @Inject
    Dialect dialect;

    @Inject
    Event<Change> changes;

    @Inject
    AuditLog audit;

    public UpdateView acknowledge(long id) {
        ImageUpdate update = existing(id);
        if (update.getAcknowledgedAt() == null) {
            update.acknowledge(now());
            audit.record("update.acknowledge", target(update), describe(update));
            changes.fire(Change.update(id, "acknowledged"));
        }
        return UpdateView.of(update);
    }

    public UpdateView reopen(long id) {
        ImageUpdate update = existing(id);
        if (update.getAcknowledgedAt() != null) {
            update.reopen();
            audit.record("update.reopen", target(update), describe(update));
            changes.fire(Change.update(id, "reopened"));
        }
        return UpdateView.of(update);
    }

    /** Takes the update out of the pending list until the snooze ends or a new digest arrives. */
    public UpdateView snooze(long id, Snooze snooze) {
        ImageUpdate update = existing(id);
        Instant until = snooze.end(now());
        update.snooze(until);
        audit.record("update.snooze", target(update), describe(update).add("until", until.toString()));
        changes.fire(Change.update(id, "snoozed"));
        return UpdateView.of(update);
    }

    public UpdateView unsnooze(long id) {
        ImageUpdate update = existing(id);
        if (update.getSnoozedUntil() != null) {
            update.unsnooze();
            audit.record("update.unsnooze", target(update), describe(update));
            changes.fire(Change.update(id, "unsnoozed"));
        }
        return UpdateView.of(update);
    }

    /** Ends every snooze whose time has come; returns how many. */
    public int endSnoozes() {
        int ended;
        try (PreparedStatement end = em.unwrap(Connection.class)
                .prepareStatement("UPDATE updates SET snoozed_until = NULL WHERE snoozed_until <= ?")) {
            dialect.setInstant(end, 1, now());
            ended = end.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("could not end the snoozes that are due", e);
        }
        if (ended > 0) {
            changes.fire(Change.updates("unsnoozed", ended));
        }
        return ended;
    }

    /** Acknowledges the given updates; ids that do not exist are skipped. Returns how many changed. */
    public int acknowledgeAll(List<Long> ids) {
        List<Long> changed = acknowledgeIds(ids);
        var list = Json.createArrayBuilder();
        changed.stream().limit(1000).forEach(list::add);
        audit.record(
                "updates.acknowledge",
                changed.size() + " updates",
                Json.createObjectBuilder().add("count", changed.size()).add("ids", list));
        return changed.size();
    }

    /**
     * Acknowledges in chunks, in ascending id order: each chunk's rows are locked in id order before
     * they are read and changed, so that concurrent bulk acknowledges over the same rows wait for each
     * other instead of deadlocking, and the later one skips what the earlier one acknowledged.
     */
    private List<Long> acknowledgeIds(List<Long> requested) {
        Instant now = now();
        List<Long> ids = requested.stream().distinct().sorted().toList();
        List<Long> changed = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += BULK_CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + BULK_CHUNK));
            try {
                dialect.lockUpdatesInIdOrder(em.unwrap(Connection.class), chunk);
            } catch (SQLException e) {
                throw new StorageException("could not lock the updates to acknowledge", e);
            }
            List<Long> pending = em.createQuery(
                            "SELECT u.id FROM ImageUpdate u WHERE u.acknowledgedAt IS NULL AND u.id IN :ids",
                            Long.class)
                    .setParameter("ids", chunk)
                    .getResultList();
            if (pending.isEmpty()) {
                continue;
            }
            em.createQuery("UPDATE ImageUpdate u SET u.acknowledgedAt = :now WHERE u.id IN :ids")
                    .setParameter("now", now)
                    .setParameter("ids", pending)
                    .executeUpdate();
            changed.addAll(pending);
        }
        // One event for the whole change: thousands of per-id events would flood every open page.
        if (changed.size() == 1) {
            changes.fire(Change.update(changed.get(0), "acknowledged"));
        } else if (!changed.isEmpty()) {
            changes.fire(Change.updates("acknowledged", changed.size()));
        }
        return changed;
    }

    /** Acknowledges every pending update that matches the filter. Returns how many changed. */
    public int acknowledgeMatching(UpdateFilter filter) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> q = cb.createQuery(Long.class);
        Root<ImageUpdate> u = q.from(ImageUpdate.class);
        q.select(u.get("id"))
                .where(cb.and(cb.and(UpdateCriteria.where(cb, u, filter)), cb.isNull(u.get("acknowledgedAt"))));
        List<Long> changed = acknowledgeIds(new ArrayList<>(em.createQuery(q).getResultList()));
        audit.record(
                "updates.acknowledge",
                changed.size() + " updates",
                Json.createObjectBuilder().add("count", changed.size()).add("filter", describe(filter)));
        return changed.size();
    }

    /** Removes an update, its history and its tag assignment. */
    public void delete(long id) {
        ImageUpdate update = existing(id);
        em.createNamedQuery(UpdateEvent.DELETE_OF_UPDATE)
                .setParameter("updateId", id)
                .executeUpdate();
        em.remove(update);
        em.flush();
        try {
            // a lower version that went away may have been the one a higher version moved from
            Classification.refresh(em.unwrap(Connection.class), update.getHostname(), update.getImage());
        } catch (SQLException e) {
            throw new StorageException("could not classify the remaining updates of the repository", e);
        }
        audit.record("update.delete", target(update), describe(update));
        changes.fire(Change.update(id, "deleted"));
    }

    public UpdateView assignTag(long id, long tagId) {
        ImageUpdate update = existing(id);
        Tag tag = em.find(Tag.class, tagId);
        if (tag == null) {
            throw ApiException.notFound("tag " + tagId + " does not exist");
        }
        update.tag(tag);
        audit.record(
                "update.tag",
                target(update),
                describe(update).add("tag", tag.getName()).add("tagId", tagId));
        changes.fire(Change.update(id, "tagged"));
        return UpdateView.of(update);
    }

    public UpdateView unassignTag(long id) {
        ImageUpdate update = existing(id);
        if (update.getTag() != null) {
            audit.record(
                    "update.untag",
                    target(update),
                    describe(update).add("tag", update.getTag().getName()));
            update.tag(null);
            changes.fire(Change.update(id, "untagged"));
        }
        return UpdateView.of(update);
    }

    private ImageUpdate existing(long id) {
        ImageUpdate update = em.find(ImageUpdate.class, id);
        if (update == null) {
            throw ApiException.notFound("update " + id + " does not exist");
        }
        return update;
    }

    private static String target(ImageUpdate u) {
        return "update " + u.getId();
    }

    private static JsonObjectBuilder describe(ImageUpdate u) {
        return Json.createObjectBuilder().add("image", u.getImage()).add("hostname", u.getHostname());
    }

    private static JsonObjectBuilder describe(UpdateFilter f) {
        JsonObjectBuilder b =
                Json.createObjectBuilder().add("state", f.state().name().toLowerCase());
        if (f.host() != null) b.add("host", f.host());
        if (f.tagId() != null) b.add("tag", f.tagId());
        if (f.untagged()) b.add("tag", "none");
        if (f.status() != null) b.add("status", f.status());
        if (f.q() != null) b.add("q", f.q());
        return b;
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
