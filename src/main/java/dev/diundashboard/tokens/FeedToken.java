package dev.diundashboard.tokens;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A feed token: read-only, and good for nothing but {@code /feed.atom}. */
@Entity
@Table(name = "feed_tokens")
public class FeedToken extends IssuedToken {

    protected FeedToken() {}

    FeedToken(String name, String tokenHash, Instant createdAt, Instant expiresAt) {
        super(name, tokenHash, createdAt, expiresAt);
    }
}
