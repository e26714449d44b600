package dev.diundashboard.tokens;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** An API token: {@code Authorization: Bearer} on {@code /api}, with the role of its {@link Scope}. */
@Entity
@Table(name = "api_tokens")
public class ApiToken extends IssuedToken {

    @Column(nullable = false)
    private String scope;

    protected ApiToken() {}

    ApiToken(String name, String tokenHash, Instant createdAt, Instant expiresAt, Scope scope) {
        super(name, tokenHash, createdAt, expiresAt);
        this.scope = scope.label();
    }

    public Scope getScope() {
        return Scope.parse(scope);
    }
}
