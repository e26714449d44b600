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
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

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
        List<UpdateView> items = page(filter, paging, (u, tag) -> UpdateCriteria.orderBy(cb, u, sort));

        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<ImageUpdate> c = count.from(ImageUpdate.class);
        count.select(cb.count(c)).where(UpdateCriteria.where(cb, c, filter));
        long total = em.createQuery(count).getSingleResult();
        return new ListPage<>(items, total);
    }

    /** One page of the filtered list in the given order, read as plain columns with the tag. */
    private List<UpdateView> page(
            UpdateFilter filter,
            Paging paging,
            BiFunction<Root<ImageUpdate>, Join<ImageUpdate, Tag>, List<Order>> order) {
        return select(filter, null, paging, order);
    }

    /** The filtered updates (only the one with {@code id} unless null), all or a page of them, in order. */
    private List<UpdateView> select(
            UpdateFilter filter,
            Long id,
            Paging paging,
            BiFunction<Root<ImageUpdate>, Join<ImageUpdate, Tag>, List<Order>> order) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Object[]> q = cb.createQuery(Object[].class);
        Root<ImageUpdate> u = q.from(ImageUpdate.class);
        Join<ImageUpdate, Tag> tag = u.join("tag", JoinType.LEFT);
        List<Selection<?>> columns = new ArrayList<>();
        UpdateView.storedAttributes().forEach(name -> columns.add(u.get(name)));
        columns.add(tag.get("id"));
        columns.add(tag.get("name"));
        List<Predicate> where = new ArrayList<>(Arrays.asList(UpdateCriteria.where(cb, u, tag, filter)));
        if (id != null) {
            where.add(cb.equal(u.get("id"), id));
        }
        q.multiselect(columns).where(where.toArray(Predicate[]::new)).orderBy(order.apply(u, tag));
        TypedQuery<Object[]> query = em.createQuery(q);
        if (paging != null) {
            query.setFirstResult(paging.offset()).setMaxResults(paging.limit());
        }
        return query.getResultStream().map(UpdateView::fromColumns).toList();
    }

    /**
     * One page in groups: ordered by the group key first (updates without one last), and every
     * group the filter matches with its count.
     */
    public UpdateGroups grouped(UpdateFilter filter, UpdateSort sort, Paging paging, UpdateGroups.By by) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        List<UpdateView> items = page(filter, paging, (u, tag) -> {
            List<Order> order = new ArrayList<>(groupOrder(cb, groupKey(u, tag, by)));
            order.addAll(UpdateCriteria.orderBy(cb, u, sort));
            return order;
        });

        CriteriaQuery<Object[]> counts = cb.createQuery(Object[].class);
        Root<ImageUpdate> c = counts.from(ImageUpdate.class);
        Join<ImageUpdate, Tag> ct = c.join("tag", JoinType.LEFT);
        Expression<String> key = groupKey(c, ct, by);
        Expression<?> label = switch (by) {
            case HOST -> cb.greatest(c.<String>get("hostAlias")); // the same for every update of a host
            case STACK -> key;
            case TAG -> ct.get("name");
        };
        counts.multiselect(key, label, cb.count(c))
                .where(UpdateCriteria.where(cb, c, ct, filter))
                .groupBy(by == UpdateGroups.By.TAG ? List.of(ct.get("id"), ct.get("name")) : List.of(key))
                .orderBy(groupOrder(cb, by == UpdateGroups.By.TAG ? ct.get("name") : key));
        List<UpdateGroups.Count> groups = new ArrayList<>();
        long total = 0;
        for (Object[] row : em.createQuery(counts).getResultList()) {
            long n = number(row[2]);
            total += n;
            groups.add(new UpdateGroups.Count(groupKeyText(by, row[0]), groupLabel(by, row[1], row[0]), n));
        }
        return UpdateGroups.of(by, groups, items, total);
    }

    /**
     * Every pending update with its tag, in id order: for mirrors of the pending list outside the
     * dashboard (Home Assistant over MQTT).
     */
    public List<UpdateView> pending() {
        return pending(null);
    }

    /** The update when it exists and is pending, by the same rule as the list's {@code state=pending}. */
    public Optional<UpdateView> pendingUpdate(long id) {
        return pending(id).stream().findFirst();
    }

    private List<UpdateView> pending(Long id) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        return select(PENDING_ONLY, id, null, (u, tag) -> List.of(cb.asc(u.get("id"))));
    }

    private static final UpdateFilter PENDING_ONLY =
            new UpdateFilter(UpdateFilter.State.PENDING, null, null, false, null, null, null, null, null);

    /** The column a group is keyed by: hostname, stack, or the tag's id. */
    @SuppressWarnings("unchecked")
    private static Expression<String> groupKey(Root<ImageUpdate> u, Join<ImageUpdate, Tag> tag, UpdateGroups.By by) {
        return switch (by) {
            case HOST -> u.get("hostname");
            case STACK -> u.get("stack");
            case TAG -> (Expression<String>) (Expression<?>) tag.get("id");
        };
    }

    /** Groups without a key last, on both databases (they sort NULL differently), then by the key. */
    private static List<Order> groupOrder(CriteriaBuilder cb, Expression<?> key) {
        return List.of(cb.asc(cb.selectCase().when(cb.isNull(key), 1).otherwise(0)), cb.asc(key));
    }

    private static String groupKeyText(UpdateGroups.By by, Object key) {
        if (key == null) {
            return by == UpdateGroups.By.TAG ? "none" : null;
        }
        return key instanceof Number n ? String.valueOf(n.longValue()) : (String) key;
    }

    /** The label to show: a host's alias or else its name, a stack's name, a tag's name. */
    private static String groupLabel(UpdateGroups.By by, Object label, Object key) {
        if (label != null) {
            return (String) label;
        }
        if (by == UpdateGroups.By.HOST && key != null) {
            return (String) key;
        }
        return switch (by) {
            case HOST -> "(no hostname)";
            case STACK -> "(no stack)";
            case TAG -> "(no tag)";
        };
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
                .map(row -> new HostView((String) row[0], (String) row[1], number(row[2]), number(row[3])))
                .toList();
    }

    /** What "pending" means in plain SQL; {@link UpdateCriteria} says the same for the list. */
    static final String PENDING = pendingSql("");

    /** {@link #PENDING} for an update in hand, such as one a webhook batch just stored. */
    public static boolean isPending(UpdateView u) {
        return u.acknowledgedAt() == null && u.snoozedUntil() == null && u.ignoredBy() == null && !u.testNotification();
    }

    /** {@link #PENDING} with each column prefixed, such as {@code "u."}, for a query that joins updates. */
    public static String pendingSql(String prefix) {
        return prefix + "acknowledged_at IS NULL AND " + prefix + "snoozed_until IS NULL AND " + prefix
                + "ignored_by IS NULL AND " + prefix + "image <> '" + UpdateView.TEST_NOTIFICATION_IMAGE + "'";
    }

    static final String TEST_NOTIFICATIONS = "FROM updates WHERE image = '" + UpdateView.TEST_NOTIFICATION_IMAGE
            + "' ORDER BY last_seen DESC, id DESC LIMIT 1";

    /** Every figure in one statement, each from an index of its own. */
    static final String SUMMARY = "SELECT (SELECT count(*) FROM updates) AS total,"
            + " (SELECT count(*) FROM updates WHERE " + PENDING + ") AS pending,"
            + " (SELECT count(*) FROM updates WHERE acknowledged_at IS NOT NULL) AS acknowledged,"
            + " (SELECT count(*) FROM updates WHERE acknowledged_at IS NULL AND snoozed_until IS NOT NULL) AS snoozed,"
            + " (SELECT count(*) FROM updates WHERE acknowledged_at IS NULL AND snoozed_until IS NULL"
            + " AND ignored_by IS NOT NULL) AS ignored,"
            + " (SELECT count(*) FROM (SELECT DISTINCT hostname FROM updates) h) AS hosts,"
            + " (SELECT max(last_seen) FROM updates) AS last_seen,"
            + Arrays.stream(VersionClass.values())
                    .map(c -> " (SELECT count(*) FROM updates WHERE version_class = '" + c.wireName() + "' AND "
                            + PENDING + ") AS class_" + c.wireName() + ",")
                    .collect(Collectors.joining())
            + " (SELECT hostname " + TEST_NOTIFICATIONS + ") AS test_hostname,"
            + " (SELECT last_seen " + TEST_NOTIFICATIONS + ") AS test_at";

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Summary summary() {
        try (Connection c = connections.open();
                Statement s = c.createStatement();
                ResultSet row = s.executeQuery(SUMMARY)) {
            row.next();
            Map<String, Long> byClass = new LinkedHashMap<>();
            for (VersionClass vc : VersionClass.values()) {
                byClass.put(vc.wireName(), row.getLong("class_" + vc.wireName()));
            }
            Instant testAt = dialect.getInstant(row, "test_at");
            return new Summary(
                    row.getLong("pending"),
                    row.getLong("acknowledged"),
                    row.getLong("snoozed"),
                    row.getLong("ignored"),
                    row.getLong("total"),
                    row.getLong("hosts"),
                    dialect.getInstant(row, "last_seen"),
                    byClass,
                    testAt == null ? null : new Summary.TestNotificationSeen(row.getString("test_hostname"), testAt));
        } catch (SQLException e) {
            throw new StorageException("could not read the summary", e);
        }
    }

    /**
     * Pending updates counted per host, stack and version class, in one grouped statement with the
     * same definition of pending as the summary (for {@link PendingMetrics}). At most one row per
     * pending update, and far fewer where updates share a host, stack and class.
     */
    static final String PENDING_GROUPS = "SELECT hostname, stack, version_class, count(*) FROM updates WHERE " + PENDING
            + " GROUP BY hostname, stack, version_class";

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<PendingGroup> pendingGroups() {
        try (Connection c = connections.open()) {
            return pendingGroups(c);
        } catch (SQLException e) {
            throw new StorageException("could not count the pending updates", e);
        }
    }

    static List<PendingGroup> pendingGroups(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(PENDING_GROUPS)) {
            List<PendingGroup> groups = new ArrayList<>();
            while (rows.next()) {
                groups.add(new PendingGroup(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4)));
            }
            return groups;
        }
    }

    /**
     * Whether a snooze is due to end: read first, so that the minute's timer writes (and moves the data
     * version, which every statement on PostgreSQL does, even one that changes no row) only when there
     * is something to end.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean snoozesDue(Instant now) {
        try (Connection c = connections.open();
                PreparedStatement due = c.prepareStatement(
                        "SELECT 1 FROM updates WHERE snoozed_until IS NOT NULL AND snoozed_until <= ?")) {
            dialect.setInstant(due, 1, now);
            due.setMaxRows(1);
            try (ResultSet row = due.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new StorageException("could not look for snoozes that are due", e);
        }
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
