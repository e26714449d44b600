package dev.diundashboard.updates;

import dev.diundashboard.observe.Statements;
import dev.diundashboard.platform.CanonicalJson;
import dev.diundashboard.tags.Tag;
import dev.diundashboard.tags.TagRef;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads: the filtered list, one update with its history, and the summary. */
@Stateless
@Statements
public class UpdateQueries {

    @Inject
    EntityManager em;

    /** The list's columns, in {@link UpdateView}'s order, then the tag's id and name. */
    private static final List<String> LIST_COLUMNS = List.of(
            "id",
            "hostname",
            "image",
            "status",
            "provider",
            "hubLink",
            "mimeType",
            "digest",
            "created",
            "platform",
            "metadata",
            "diunVersion",
            "firstSeen",
            "lastSeen",
            "seenCount",
            "acknowledgedAt");

    /**
     * One page and the total. The page is read as plain columns, not entities: a page of 100 rows then
     * costs no persistence-context registration, no change-tracking copies, and no second query for
     * tags.
     */
    public ListPage<UpdateView> list(UpdateFilter filter, UpdateSort sort, Paging paging) {
        CriteriaBuilder cb = em.getCriteriaBuilder();

        CriteriaQuery<Object[]> q = cb.createQuery(Object[].class);
        Root<ImageUpdate> u = q.from(ImageUpdate.class);
        Join<ImageUpdate, Tag> tag = u.join("tag", JoinType.LEFT);
        List<Selection<?>> columns = new ArrayList<>();
        LIST_COLUMNS.forEach(name -> columns.add(u.get(name)));
        columns.add(tag.get("id"));
        columns.add(tag.get("name"));
        q.multiselect(columns)
                .where(UpdateCriteria.where(cb, u, tag, filter))
                .orderBy(UpdateCriteria.orderBy(cb, u, sort));
        List<UpdateView> items = em.createQuery(q)
                .setFirstResult(paging.offset())
                .setMaxResults(paging.limit())
                .getResultStream()
                .map(UpdateQueries::view)
                .toList();

        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<ImageUpdate> c = count.from(ImageUpdate.class);
        count.select(cb.count(c)).where(UpdateCriteria.where(cb, c, filter));
        long total = em.createQuery(count).getSingleResult();
        return new ListPage<>(items, total);
    }

    private static UpdateView view(Object[] r) {
        return new UpdateView(
                ((Number) r[0]).longValue(),
                (String) r[1],
                (String) r[2],
                (String) r[3],
                (String) r[4],
                (String) r[5],
                (String) r[6],
                (String) r[7],
                (Instant) r[8],
                (String) r[9],
                CanonicalJson.parse((String) r[10]),
                (String) r[11],
                (Instant) r[12],
                (Instant) r[13],
                ((Number) r[14]).intValue(),
                (Instant) r[15],
                r[16] == null ? null : new TagRef(((Number) r[16]).longValue(), (String) r[17]));
    }

    /** The update with its {@link UpdateDetail#LATEST_EVENTS} newest events and the number of all. */
    public Optional<UpdateDetail> find(long id) {
        ImageUpdate update = em.find(ImageUpdate.class, id);
        if (update == null) {
            return Optional.empty();
        }
        ListPage<EventView> latest = eventsOf(id, new Paging(UpdateDetail.LATEST_EVENTS, 0));
        return Optional.of(UpdateDetail.of(UpdateView.of(update), latest.items(), latest.total()));
    }

    /** A page of an update's history, newest first, or empty when the update does not exist. */
    public Optional<ListPage<EventView>> events(long id, Paging paging) {
        if (em.find(ImageUpdate.class, id) == null) {
            return Optional.empty();
        }
        return Optional.of(eventsOf(id, paging));
    }

    private ListPage<EventView> eventsOf(long id, Paging paging) {
        List<EventView> items = em.createNamedQuery(UpdateEvent.OF_UPDATE, UpdateEvent.class)
                .setParameter("updateId", id)
                .setFirstResult(paging.offset())
                .setMaxResults(paging.limit())
                .getResultStream()
                .map(EventView::of)
                .toList();
        long total = items.size() < paging.limit() && (paging.offset() == 0 || !items.isEmpty())
                ? paging.offset() + items.size()
                : em.createNamedQuery(UpdateEvent.COUNT_OF_UPDATE, Long.class)
                        .setParameter("updateId", id)
                        .getSingleResult();
        return new ListPage<>(items, total);
    }

    public List<HostView> hosts() {
        return em.createNamedQuery(ImageUpdate.HOSTS, Object[].class)
                .getResultStream()
                .map(row -> new HostView((String) row[0], number(row[1]), number(row[2])))
                .toList();
    }

    public Summary summary() {
        Object[] row = (Object[]) em.createNamedQuery(ImageUpdate.SUMMARY).getSingleResult();
        long total = number(row[0]);
        long pending = number(row[1]);
        long hosts = number(row[2]);
        Instant last = row[3] == null ? null : toInstant(row[3]);
        return new Summary(pending, total - pending, total, hosts, last);
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static Instant toInstant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.parse(o.toString());
    }
}
