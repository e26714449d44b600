package dev.diundashboard.tokens;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.InputRules;
import dev.diundashboard.platform.JsonRecord;
import java.time.Instant;

/**
 * The body that creates a webhook or feed token: a name and, optionally, when it expires; for a
 * webhook token also, optionally, the host it is bound to and whether it takes only that host's
 * notifications.
 */
@JsonRecord(expected = TokenRequest.EXPECTED)
public record TokenRequest(
        String name,

        @JsonRecord.Invalid("'expiresAt' must be an RFC 3339 timestamp with an offset")
        Instant expiresAt,

        String host,

        @JsonRecord.Invalid("'hostOnly' must be true or false")
        Boolean hostOnly) {

    static final String EXPECTED = "expected {\"name\": \"...\", \"expiresAt\": \"<ISO-8601>\" (optional),"
            + " \"host\": \"...\" and \"hostOnly\": true|false (optional, webhook tokens)}";

    public TokenRequest {
        if (name == null) {
            throw ApiException.badRequest(EXPECTED);
        }
        name = InputRules.name("token name", name);
        if (host != null) {
            host = InputRules.line("host", host.strip(), InputRules.HOSTNAME_BYTES);
            if (host.isEmpty()) {
                throw ApiException.badRequest("host must not be empty: leave it out for a token of any host");
            }
        }
        if (Boolean.TRUE.equals(hostOnly) && host == null) {
            throw ApiException.badRequest("hostOnly needs the host the token is bound to");
        }
    }

    /** For the kinds of token that are not bound to a host. */
    void requireNoHost() {
        if (host != null || hostOnly != null) {
            throw ApiException.badRequest("host and hostOnly apply to webhook tokens only");
        }
    }
}
