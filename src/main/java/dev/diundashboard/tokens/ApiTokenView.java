package dev.diundashboard.tokens;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** An API token as listed: never the token itself. */
@JsonbPropertyOrder({"id", "name", "scope", "createdAt", "expiresAt", "lastUsedAt"})
public record ApiTokenView(
        long id, String name, String scope, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

    static ApiTokenView of(ApiToken t) {
        return new ApiTokenView(
                t.getId(), t.getName(), t.getScope().label(), t.getCreatedAt(), t.getExpiresAt(), t.getLastUsedAt());
    }
}
