package dev.diundashboard.tokens;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * A named token handed out once: only the SHA-256 of the token is stored. Webhook tokens and feed
 * tokens have this shape, each in a table of its own, so that one can never be used as the other.
 */
@MappedSuperclass
public abstract class IssuedToken {

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

    protected IssuedToken() {}

    protected IssuedToken(String name, String tokenHash, Instant createdAt, Instant expiresAt) {
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

    boolean isRevoked() {
        return revokedAt != null;
    }

    /** Neither revoked nor expired at that time. */
    boolean isUsable(Instant at) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(at));
    }

    void revoke(Instant at) {
        revokedAt = at;
    }

    /**
     * Records a use to the minute: a script or widget that calls every few seconds does not write each
     * time (webhook tokens are recorded exactly, in the webhook's own transaction).
     */
    void used(Instant at) {
        if (lastUsedAt == null || lastUsedAt.isBefore(at.minusSeconds(60))) {
            lastUsedAt = at;
        }
    }
}
