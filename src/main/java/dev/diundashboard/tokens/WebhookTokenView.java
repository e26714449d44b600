package dev.diundashboard.tokens;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** A webhook token as listed: never the token itself; the host it is bound to, if any. */
@JsonbPropertyOrder({"id", "name", "host", "hostOnly", "createdAt", "expiresAt", "lastUsedAt"})
public record WebhookTokenView(
        long id, String name, String host, boolean hostOnly, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

    static WebhookTokenView of(WebhookToken t) {
        return new WebhookTokenView(
                t.getId(),
                t.getName(),
                t.getHost(),
                t.isHostOnly(),
                t.getCreatedAt(),
                t.getExpiresAt(),
                t.getLastUsedAt());
    }
}
