package dev.diundashboard.tokens;

import dev.diundashboard.audit.AuditLog;
import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.InputRules;
import dev.diundashboard.platform.Secrets;
import dev.diundashboard.security.DashboardCredentials;
import dev.diundashboard.security.IssuedTokens;
import dev.diundashboard.storage.Statements;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Issued tokens of each {@link TokenKind}: create (shown once), list, revoke; and feed tokens checked
 * when presented, for the login ({@link IssuedTokens}; {@code @LocalBean} keeps the view the
 * resources use). Webhook tokens are checked in the webhook's own transaction ({@link WebhookAccess}).
 */
@Stateless
@LocalBean
@Local(IssuedTokens.class)
@Statements
public class TokensStore implements IssuedTokens {

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    public List<TokenView> list(TokenKind kind) {
        return active(kind).stream().map(TokenView::of).toList();
    }

    public List<WebhookTokenView> listWebhookTokens() {
        return active(TokenKind.WEBHOOK).stream()
                .map(t -> WebhookTokenView.of((WebhookToken) t))
                .toList();
    }

    public List<ApiTokenView> listApiTokens() {
        return active(TokenKind.API).stream()
                .map(t -> ApiTokenView.of((ApiToken) t))
                .toList();
    }

    private List<? extends IssuedToken> active(TokenKind kind) {
        return em.createQuery(
                        "SELECT t FROM " + kind.entity().getSimpleName()
                                + " t WHERE t.revokedAt IS NULL ORDER BY t.createdAt, t.id",
                        kind.entity())
                .getResultList();
    }

    /** A webhook or feed token; the body as checked by {@link TokenRequest} and {@link InputRules}. */
    public CreatedToken create(TokenKind kind, TokenRequest body) {
        if (kind != TokenKind.WEBHOOK) {
            body.requireNoHost();
        }
        Issued issued =
                issue(kind, body.name(), body.expiresAt(), null, body.host(), Boolean.TRUE.equals(body.hostOnly()));
        IssuedToken t = issued.entity();
        return new CreatedToken(t.getId(), body.name(), issued.token(), t.getCreatedAt(), t.getExpiresAt());
    }

    public CreatedApiToken createApiToken(String name, Scope scope, Instant expiresAt) {
        Issued issued = issue(TokenKind.API, name, expiresAt, scope, null, false);
        IssuedToken t = issued.entity();
        return new CreatedApiToken(t.getId(), name, scope.label(), issued.token(), t.getCreatedAt(), t.getExpiresAt());
    }

    private record Issued(IssuedToken entity, String token) {}

    private Issued issue(TokenKind kind, String name, Instant expiresAt, Scope scope, String host, boolean hostOnly) {
        Instant now = now();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ApiException.badRequest("expiresAt must be in the future");
        }
        String token = Secrets.newToken();
        IssuedToken entity = kind.issue(name, Secrets.hash(token), now, expiresAt, scope, host, hostOnly);
        em.persist(entity);
        em.flush();
        JsonObjectBuilder details = Json.createObjectBuilder().add("name", name);
        if (scope != null) {
            details.add("scope", scope.label());
        }
        if (host != null) {
            details.add("host", host).add("hostOnly", hostOnly);
        }
        audit.record(kind.audited() + ".create", kind.audited() + " " + entity.getId(), details);
        return new Issued(entity, token);
    }

    public void revoke(TokenKind kind, long id) {
        IssuedToken token = em.find(kind.entity(), id);
        if (token == null || token.isRevoked()) {
            throw ApiException.notFound(kind.audited() + " " + id + " does not exist");
        }
        token.revoke(now());
        audit.record(
                kind.audited() + ".revoke",
                kind.audited() + " " + id,
                Json.createObjectBuilder().add("name", token.getName()));
    }

    @Override
    public Optional<String> useFeedToken(String token) {
        return use(FeedToken.class, token).map(IssuedToken::getName);
    }

    @Override
    public Optional<DashboardCredentials.Caller> useApiToken(String token) {
        return use(ApiToken.class, token)
                .map(t -> new DashboardCredentials.Caller(
                        t.getName(), t.getScope().role()));
    }

    /** The token of that kind when it is usable now, whose time of use is then recorded. */
    private <T extends IssuedToken> Optional<T> use(Class<T> kind, String token) {
        Instant now = now();
        List<T> found = em.createQuery("SELECT t FROM " + kind.getSimpleName() + " t WHERE t.tokenHash = :hash", kind)
                .setParameter("hash", Secrets.hash(token))
                .getResultList();
        if (found.isEmpty() || !found.get(0).isUsable(now)) {
            return Optional.empty();
        }
        found.get(0).used(now);
        return Optional.of(found.get(0));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
