package dev.diundashboard.tokens;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A webhook token: what Diun presents to {@code /webhook}; checked by {@link WebhookAccess}. */
@Entity
@Table(name = "webhook_tokens")
public class WebhookToken extends IssuedToken {

    protected WebhookToken() {}

    WebhookToken(String name, String tokenHash, Instant createdAt, Instant expiresAt) {
        super(name, tokenHash, createdAt, expiresAt);
    }
}
