package dev.diundashboard.tokens;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.InputRules;
import dev.diundashboard.platform.JsonRecord;
import java.time.Instant;

/** The body that creates a token: a name and, optionally, when it expires. */
@JsonRecord(expected = TokenRequest.EXPECTED)
public record TokenRequest(
        String name,

        @JsonRecord.Invalid("'expiresAt' must be an RFC 3339 timestamp with an offset")
        Instant expiresAt) {

    static final String EXPECTED = "expected {\"name\": \"...\", \"expiresAt\": \"<ISO-8601>\" (optional)}";

    public TokenRequest {
        if (name == null) {
            throw ApiException.badRequest(EXPECTED);
        }
        name = InputRules.name("token name", name);
    }
}
