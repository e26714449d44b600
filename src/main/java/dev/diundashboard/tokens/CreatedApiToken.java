package dev.diundashboard.tokens;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** The answer to creating an API token: the only time the token is shown in plain text. */
@JsonbPropertyOrder({"id", "name", "scope", "token", "createdAt", "expiresAt"})
public record CreatedApiToken(long id, String name, String scope, String token, Instant createdAt, Instant expiresAt) {}
