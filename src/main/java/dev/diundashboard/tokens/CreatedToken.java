package dev.diundashboard.tokens;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** The answer to creating a token: the only time the token is shown in plain text. */
@JsonbPropertyOrder({"id", "name", "token", "createdAt", "expiresAt"})
public record CreatedToken(long id, String name, String token, Instant createdAt, Instant expiresAt) {}
