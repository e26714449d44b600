package dev.diundashboard.tags;

import dev.diundashboard.audit.AuditLog;
import dev.diundashboard.live.Change;
import dev.diundashboard.observe.Statements;
import dev.diundashboard.platform.ApiException;
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

    static final int MAX_NAME = 100;

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

    public TagView create(String rawName) {
        String name = validName(rawName);
        requireFree(name, null);
        Tag tag = new Tag(name, Instant.now().truncatedTo(ChronoUnit.MICROS));
        em.persist(tag);
        em.flush();
        audit.record(
                "tag.create", "tag " + tag.getId(), Json.createObjectBuilder().add("name", name));
        changes.fire(Change.tags("created"));
        return new TagView(tag.getId(), tag.getName(), 0);
    }

    public TagView rename(long id, String rawName) {
        String name = validName(rawName);
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

    static String validName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            throw ApiException.badRequest("the tag name must not be empty");
        }
        if (name.length() > MAX_NAME) {
            throw ApiException.badRequest("the tag name must be at most " + MAX_NAME + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validSurrogateAt(name, i)) {
                throw ApiException.badRequest("the tag name must not contain control characters");
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return name;
    }

    private static boolean validSurrogateAt(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i))
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }
}
