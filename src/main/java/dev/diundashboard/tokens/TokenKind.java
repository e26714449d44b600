package dev.diundashboard.tokens;

import java.time.Instant;

/** The kinds of {@link IssuedToken}: each is stored in a table of its own and audited under its name. */
public enum TokenKind {
    WEBHOOK("token", WebhookToken.class),
    FEED("feed-token", FeedToken.class),
    API("api-token", ApiToken.class);

    private final String audited;
    private final Class<? extends IssuedToken> entity;

    TokenKind(String audited, Class<? extends IssuedToken> entity) {
        this.audited = audited;
        this.entity = entity;
    }

    /** The audit log's name: {@code token.create}, {@code feed-token.revoke}, … */
    String audited() {
        return audited;
    }

    Class<? extends IssuedToken> entity() {
        return entity;
    }

    /** {@code scope} for API tokens only, {@code host} and {@code hostOnly} for webhook tokens only. */
    IssuedToken issue(
            String name, String hash, Instant now, Instant expiresAt, Scope scope, String host, boolean hostOnly) {
        return switch (this) {
            case WEBHOOK -> new WebhookToken(name, hash, now, expiresAt, host, hostOnly);
            case FEED -> new FeedToken(name, hash, now, expiresAt);
            case API -> new ApiToken(name, hash, now, expiresAt, scope);
        };
    }
}
