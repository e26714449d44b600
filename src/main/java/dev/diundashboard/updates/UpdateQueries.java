package dev.diundashboard.updates;

import dev.diundashboard.observe.Statements;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Root;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads: the filtered list, one update with its history, and the summary. */
@Stateless
@Statements
public class UpdateQueries {

    @Inject
    EntityManager em;

    public ListPage<UpdateView> list(UpdateFilter filter, UpdateSort sort, Paging paging) {
        CriteriaBuilder cb = em.getCriteriaBuilder();

        CriteriaQuery<ImageUpdate> q = cb.createQuery(ImageUpdate.class);
        Root<ImageUpdate> u = q.from(ImageUpdate.class);
        if (filter.tagId() == null && !filter.untagged()) {
            u.fetch("tag", JoinType.LEFT);
        }
        q.select(u).where(UpdateCriteria.where(cb, u, filter)).orderBy(UpdateCriteria.orderBy(cb, u, sort));
        List<UpdateView> items = em.createQuery(q)
                .setFirstResult(paging.offset())
                .setMaxResults(paging.limit())
                .getResultStream()
                .map(UpdateView::of)
                .toList();

        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<ImageUpdate> c = count.from(ImageUpdate.class);
        count.select(cb.count(c)).where(UpdateCriteria.where(cb, c, filter));
        long total = em.createQuery(count).getSingleResult();
        return new ListPage<>(items, total);
    }

    public Optional<UpdateDetail> find(long id) {
        ImageUpdate update = em.find(ImageUpdate.class, id);
        if (update == null) {
            return Optional.empty();
        }
        List<EventView> events = em.createNamedQuery(UpdateEvent.OF_UPDATE, UpdateEvent.class)
                .setParameter("updateId", id)
                .getResultStream()
                .map(EventView::of)
                .toList();
        return Optional.of(UpdateDetail.of(UpdateView.of(update), events));
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
