package dev.diundashboard.tags;

import dev.diundashboard.audit.AuditLog;
import dev.diundashboard.live.Change;
import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.InputRules;
import dev.diundashboard.storage.Statements;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Tag changes and the tag list with counts; one transaction per call. */
@Stateless
@Statements
public class TagsStore {

    @Inject
    EntityManager em;

    @Inject
    Event<Change> changes;

    @Inject
    AuditLog audit;

    public List<TagView> list() {
        return em.createNamedQuery(Tag.WITH_COUNTS, Object[].class)
                .getResultStream()
                .map(row -> {
                    Tag t = (Tag) row[0];
                    return new TagView(t.getId(), t.getName(), ((Number) row[1]).longValue());
                })
                .toList();
    }

    public TagView get(long id) {
        return view(existing(id));
    }

    /** {@code name} as checked by {@link InputRules#name}. */
    public TagView create(String name) {
        requireFree(name, null);
        Tag tag = new Tag(name, Instant.now().truncatedTo(ChronoUnit.MICROS));
        em.persist(tag);
        em.flush();
        audit.record(
                "tag.create", "tag " + tag.getId(), Json.createObjectBuilder().add("name", name));
        changes.fire(Change.tags("created"));
        return new TagView(tag.getId(), tag.getName(), 0);
    }

    public TagView rename(long id, String name) {
        Tag tag = existing(id);
        requireFree(name, id);
        String before = tag.getName();
        tag.rename(name);
        em.flush();
        audit.record(
                "tag.rename",
                "tag " + id,
                Json.createObjectBuilder().add("from", before).add("to", name));
        changes.fire(Change.tags("renamed"));
        return view(tag);
    }

    /** Deletes the tag; the database removes its assignments (ON DELETE CASCADE). */
    public void delete(long id) {
        Tag tag = existing(id);
        em.remove(tag);
        audit.record("tag.delete", "tag " + id, Json.createObjectBuilder().add("name", tag.getName()));
        changes.fire(Change.tags("deleted"));
    }

    private TagView view(Tag tag) {
        long count = em.createQuery("SELECT COUNT(u) FROM ImageUpdate u WHERE u.tag = :tag", Long.class)
                .setParameter("tag", tag)
                .getSingleResult();
        return new TagView(tag.getId(), tag.getName(), count);
    }

    private Tag existing(long id) {
        Tag tag = em.find(Tag.class, id);
        if (tag == null) {
            throw ApiException.notFound("tag " + id + " does not exist");
        }
        return tag;
    }

    private void requireFree(String name, Long self) {
        List<Tag> same = em.createNamedQuery(Tag.BY_NAME, Tag.class)
                .setParameter("name", name)
                .getResultList();
        if (same.stream().anyMatch(t -> !t.getId().equals(self))) {
            throw ApiException.conflict("a tag named '" + name + "' already exists");
        }
    }
}
