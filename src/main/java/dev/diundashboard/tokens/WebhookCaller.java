package dev.diundashboard.tokens;

import dev.diundashboard.platform.Secrets;

/**
 * What a webhook request presented, as far as it can be told without the database: the configured
 * WEBHOOK_SECRET ({@link #SECRET}), or the hash of some other token, or nothing ({@code tokenHash}
 * null). Whether a token is usable, and whether the webhook is open, is decided with the write.
 */
public record WebhookCaller(boolean secretMatched, String tokenHash) {

    /** The request carried the configured WEBHOOK_SECRET. */
    public static final WebhookCaller SECRET = new WebhookCaller(true, null);

    /** The request carried this token (not the secret), or none when null. */
    public static WebhookCaller presenting(String token) {
        return new WebhookCaller(false, token == null ? null : Secrets.hash(token));
    }

    public boolean presentedToken() {
        return secretMatched || tokenHash != null;
    }
}
