package dev.diundashboard.tokens;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A webhook token: what Diun presents to {@code /webhook}; checked by {@link WebhookAccess}. It may be
 * bound to a host, and then only to that host's notifications ({@code hostOnly}).
 */
@Entity
@Table(name = "webhook_tokens")
public class WebhookToken extends IssuedToken {

    private String host;

    /** 0 or 1, the same column type on both backends. */
    @Column(name = "host_only", nullable = false)
    private int hostOnly;

    protected WebhookToken() {}

    WebhookToken(String name, String tokenHash, Instant createdAt, Instant expiresAt, String host, boolean hostOnly) {
        super(name, tokenHash, createdAt, expiresAt);
        this.host = host;
        this.hostOnly = hostOnly ? 1 : 0;
    }

    public String getHost() {
        return host;
    }

    public boolean isHostOnly() {
        return hostOnly == 1;
    }
}
