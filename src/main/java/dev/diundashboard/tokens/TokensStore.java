package dev.diundashboard.tokens;

import dev.diundashboard.audit.AuditLog;
import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.InputRules;
import dev.diundashboard.platform.Secrets;
import dev.diundashboard.storage.Statements;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Webhook tokens: create (shown once), list, revoke, and check a presented token. */
@Stateless
@Statements
public class TokensStore {

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    public List<TokenView> list() {
        return em.createNamedQuery(WebhookToken.ACTIVE, WebhookToken.class)
                .getResultStream()
                .map(TokenView::of)
                .toList();
    }

    /** {@code name} and {@code expiresAt} as checked by {@link InputRules}. */
    public CreatedToken create(String name, Instant expiresAt) {
        Instant now = now();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ApiException.badRequest("expiresAt must be in the future");
        }
        String token = Secrets.newToken();
        WebhookToken entity = new WebhookToken(name, Secrets.hash(token), now, expiresAt);
        em.persist(entity);
        em.flush();
        audit.record(
                "token.create",
                "token " + entity.getId(),
                Json.createObjectBuilder().add("name", name));
        return new CreatedToken(entity.getId(), name, token, entity.getCreatedAt(), entity.getExpiresAt());
    }

    public void revoke(long id) {
        WebhookToken token = em.find(WebhookToken.class, id);
        if (token == null || token.isRevoked()) {
            throw ApiException.notFound("token " + id + " does not exist");
        }
        token.revoke(now());
        audit.record("token.revoke", "token " + id, Json.createObjectBuilder().add("name", token.getName()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
