package dev.diundashboard.tokens;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A named webhook token. Only the SHA-256 of the token is stored; the token is shown once. */
@Entity
@Table(name = "webhook_tokens")
@NamedQuery(
        name = WebhookToken.ACTIVE,
        query = "SELECT t FROM WebhookToken t WHERE t.revokedAt IS NULL ORDER BY t.createdAt, t.id")
@NamedQuery(
        name = WebhookToken.BY_HASH,
        query = "SELECT t FROM WebhookToken t WHERE t.tokenHash = :hash AND t.revokedAt IS NULL")
@NamedQuery(name = WebhookToken.COUNT_ALL, query = "SELECT COUNT(t) FROM WebhookToken t")
public class WebhookToken {

    public static final String ACTIVE = "WebhookToken.active";
    public static final String BY_HASH = "WebhookToken.byHash";
    public static final String COUNT_ALL = "WebhookToken.countAll";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(name = "token_hash", nullable = false, unique = true)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected WebhookToken() {}

    WebhookToken(String name, String tokenHash, Instant createdAt, Instant expiresAt) {
        this.name = name;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    boolean isRevoked() {
        return revokedAt != null;
    }

    void revoke(Instant at) {
        revokedAt = at;
    }
}
