package dev.diundashboard.tokens;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** A token as listed: never the token itself. */
@JsonbPropertyOrder({"id", "name", "createdAt", "expiresAt", "lastUsedAt"})
public record TokenView(long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

    static TokenView of(IssuedToken t) {
        return new TokenView(t.getId(), t.getName(), t.getCreatedAt(), t.getExpiresAt(), t.getLastUsedAt());
    }
}
