package dev.diundashboard.updates;

import dev.diundashboard.api.ListPage;
import dev.diundashboard.api.Paging;
import dev.diundashboard.storage.Dialect;
import dev.diundashboard.storage.DirectConnections;
import dev.diundashboard.storage.Statements;
import dev.diundashboard.storage.StorageException;
import dev.diundashboard.tags.Tag;
import dev.diundashboard.versions.VersionClass;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads: the filtered list, one update with its history, and the summary. */
@Stateless
@Statements
public class UpdateQueries {

    @Inject
    EntityManager em;

    @Inject
    DirectConnections connections;

    @Inject
    Dialect dialect;

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
        UpdateView.storedAttributes().forEach(name -> columns.add(u.get(name)));
        columns.add(tag.get("id"));
        columns.add(tag.get("name"));
        q.multiselect(columns)
                .where(UpdateCriteria.where(cb, u, tag, filter))
                .orderBy(UpdateCriteria.orderBy(cb, u, sort));
        List<UpdateView> items = em.createQuery(q)
                .setFirstResult(paging.offset())
                .setMaxResults(paging.limit())
                .getResultStream()
                .map(UpdateView::fromColumns)
                .toList();

        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<ImageUpdate> c = count.from(ImageUpdate.class);
        count.select(cb.count(c)).where(UpdateCriteria.where(cb, c, filter));
        long total = em.createQuery(count).getSingleResult();
        return new ListPage<>(items, total);
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

    /**
     * Each figure from an index of its own (plain SQL, the same on both backends): one scan of the table
     * for all four would read every row with its metadata.
     */
    static final String SUMMARY = "SELECT (SELECT count(*) FROM updates) AS total,"
            + " (SELECT count(*) FROM updates WHERE acknowledged_at IS NULL) AS pending,"
            + " (SELECT count(*) FROM (SELECT DISTINCT hostname FROM updates) h) AS hosts,"
            + " (SELECT max(last_seen) FROM updates) AS last_seen";

    static final String PENDING_BY_CLASS = "SELECT version_class, count(*) FROM updates"
            + " WHERE acknowledged_at IS NULL AND version_class IS NOT NULL GROUP BY version_class";

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Summary summary() {
        try (Connection c = connections.open();
                Statement s = c.createStatement();
                ResultSet row = s.executeQuery(SUMMARY)) {
            row.next();
            long total = row.getLong("total");
            long pending = row.getLong("pending");
            long hosts = row.getLong("hosts");
            Instant lastSeen = dialect.getInstant(row, "last_seen");
            return new Summary(pending, total - pending, total, hosts, lastSeen, pendingByClass(s));
        } catch (SQLException e) {
            throw new StorageException("could not read the summary", e);
        }
    }

    /** Every class, in order, with its count of pending updates (zero included). */
    private static Map<String, Long> pendingByClass(Statement s) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (VersionClass c : VersionClass.values()) {
            counts.put(c.wireName(), 0L);
        }
        try (ResultSet rows = s.executeQuery(PENDING_BY_CLASS)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
