package dev.diundashboard.tokens;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.InputRules;
import dev.diundashboard.platform.JsonRecord;
import java.time.Instant;

/** The body that creates an API token: a name, a scope and, optionally, when it expires. */
@JsonRecord(expected = ApiTokenRequest.EXPECTED)
public record ApiTokenRequest(
        String name,
        String scope,

        @JsonRecord.Invalid("'expiresAt' must be an RFC 3339 timestamp with an offset")
        Instant expiresAt) {

    static final String EXPECTED = "expected {\"name\": \"...\", \"scope\": \"read|write|admin\","
            + " \"expiresAt\": \"<ISO-8601>\" (optional)}";

    public ApiTokenRequest {
        if (name == null || scope == null) {
            throw ApiException.badRequest(EXPECTED);
        }
        name = InputRules.name("token name", name);
        Scope.parse(scope);
    }
}
