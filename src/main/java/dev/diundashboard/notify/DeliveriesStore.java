package dev.diundashboard.notify;

import dev.diundashboard.api.ListPage;
import dev.diundashboard.api.Paging;
import dev.diundashboard.audit.AuditLog;
import dev.diundashboard.platform.ApiException;
import dev.diundashboard.storage.Statements;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Lists the outbox and retries failed deliveries; audited. */
@Stateless
@Statements
public class DeliveriesStore {

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    public ListPage<DeliveryView> list(Long channel, String state, Paging paging) {
        // Conditions only for what is asked: a null parameter has no type PostgreSQL could infer.
        String where = " WHERE 1 = 1" + (channel == null ? "" : " AND d.channel.id = :channel")
                + (state == null ? "" : " AND d.state = :state");
        TypedQuery<Delivery> page =
                em.createQuery("SELECT d FROM Delivery d" + where + " ORDER BY d.id DESC", Delivery.class);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(d) FROM Delivery d" + where, Long.class);
        for (TypedQuery<?> q : List.of(page, count)) {
            if (channel != null) {
                q.setParameter("channel", channel);
            }
            if (state != null) {
                q.setParameter("state", state);
            }
        }
        return new ListPage<>(
                page.setFirstResult(paging.offset())
                        .setMaxResults(paging.limit())
                        .getResultStream()
                        .map(Delivery::view)
                        .toList(),
                count.getSingleResult());
    }

    public DeliveryView retry(long id) {
        Delivery delivery = em.find(Delivery.class, id);
        if (delivery == null) {
            throw ApiException.notFound("delivery " + id + " does not exist");
        }
        if (!delivery.getState().equals("failed")) {
            throw new ApiException(
                    409,
                    "conflict",
                    "delivery " + id + " is " + delivery.getState() + "; only a failed one can be retried");
        }
        delivery.retry(Instant.now().truncatedTo(ChronoUnit.MICROS));
        audit.record("delivery.retry", "delivery " + id, Json.createObjectBuilder());
        return delivery.view();
    }
}
