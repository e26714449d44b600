package dev.diundashboard.tokens;

import dev.diundashboard.platform.ApiError;
import dev.diundashboard.storage.Dialect;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Who may write through the webhook. The webhook is open while neither WEBHOOK_SECRET is set nor a
 * token was ever created; then a caller needs the secret or a usable (not revoked, not expired)
 * token. Token checks and their {@code last_used_at} happen in the transaction that stores the
 * notifications, once per batch, so the answer is exact without a transaction of its own.
 */
@ApplicationScoped
public class WebhookAccess {

    @Inject
    WebhookSecret secret;

    @Inject
    Dialect dialect;

    private Supplier<Optional<String>> configuredSecret = () -> secret.get();

    /** Tokens are never deleted, only revoked: once one exists, the answer stays yes. */
    private volatile boolean tokensExist;

    /** For CDI. */
    WebhookAccess() {}

    /** Outside a container (tests): the dialect and WEBHOOK_SECRET, if any. */
    public WebhookAccess(Dialect dialect, Optional<String> secret) {
        this.dialect = dialect;
        this.configuredSecret = () -> secret;
    }

    /** Whether a caller without a usable token is refused for certain, without asking the database. */
    public boolean tokenRequired() {
        return tokensExist || configuredSecret.get().isPresent();
    }

    /**
     * Whether a caller may write and, when its token is bound to a host, that host: its notifications
     * are stored under it, and with {@code hostOnly} only that host's notifications are taken.
     */
    public record Verdict(boolean admitted, String host, boolean hostOnly) {

        static final Verdict REFUSED = new Verdict(false, null, false);
        static final Verdict ADMITTED = new Verdict(true, null, false);
    }

    /** A usable token presented: its row and binding. */
    private record Usable(long id, String host, boolean hostOnly) {}

    /**
     * Decides, in the connection's transaction, which of the callers may write, and records the time
     * of use of each usable token presented.
     */
    public Function<WebhookCaller, Verdict> admit(Connection connection, Collection<WebhookCaller> callers, Instant now)
            throws SQLException {
        Set<String> hashes = callers.stream()
                .filter(c -> !c.secretMatched() && c.tokenHash() != null)
                .map(WebhookCaller::tokenHash)
                .collect(Collectors.toSet());
        Map<String, Usable> usable = hashes.isEmpty() ? new HashMap<>() : usableTokens(connection, hashes, now);
        if (!usable.isEmpty()) {
            touch(connection, usable.values().stream().map(Usable::id).toList(), now);
        }
        boolean open = callers.stream().anyMatch(c -> !c.secretMatched() && !usable.containsKey(c.tokenHash()))
                && !tokenRequired()
                && !anyTokenCreated(connection);
        Set<String> unknown =
                hashes.stream().filter(h -> !usable.containsKey(h)).collect(Collectors.toSet());
        // Even an open webhook is not for the other kinds of token: presenting one is a mistake.
        Set<String> otherKinds = open && !unknown.isEmpty() ? otherKinds(connection, unknown) : Set.of();
        return caller -> {
            Usable token = caller.secretMatched() || caller.tokenHash() == null ? null : usable.get(caller.tokenHash());
            if (token != null) {
                return new Verdict(true, token.host(), token.hostOnly());
            }
            boolean otherKind = caller.tokenHash() != null && otherKinds.contains(caller.tokenHash());
            return !otherKind && (open || caller.secretMatched()) ? Verdict.ADMITTED : Verdict.REFUSED;
        };
    }

    private static Set<String> otherKinds(Connection connection, Set<String> hashes) throws SQLException {
        String in = placeholders(hashes.size());
        String sql = "SELECT token_hash FROM api_tokens WHERE token_hash IN (" + in + ")"
                + " UNION SELECT token_hash FROM feed_tokens WHERE token_hash IN (" + in + ")";
        Set<String> found = new java.util.HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            for (int round = 0; round < 2; round++) {
                for (String hash : hashes) {
                    ps.setString(i++, hash);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    /** The 401 for a caller refused by {@link #admit} or by the filter. */
    public static Response unauthorized(WebhookCaller caller) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"diun-dashboard\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(
                        "unauthorized",
                        caller.presentedToken()
                                ? "the token is not valid, expired or revoked"
                                : "this webhook requires a token: send Authorization: Bearer <token>"))
                .build();
    }

    private Map<String, Usable> usableTokens(Connection connection, Set<String> hashes, Instant now)
            throws SQLException {
        String sql = "SELECT id, token_hash, expires_at, revoked_at, host, host_only FROM webhook_tokens"
                + " WHERE token_hash IN (" + placeholders(hashes.size()) + ")";
        Map<String, Usable> usable = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            for (String hash : hashes) {
                ps.setString(i++, hash);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tokensExist = true;
                    Instant expires = dialect.getInstant(rs, "expires_at");
                    if (rs.getString("revoked_at") == null && (expires == null || expires.isAfter(now))) {
                        usable.put(
                                rs.getString("token_hash"),
                                new Usable(rs.getLong("id"), rs.getString("host"), rs.getInt("host_only") == 1));
                    }
                }
            }
        }
        return usable;
    }

    private void touch(Connection connection, Collection<Long> ids, Instant now) throws SQLException {
        List<Long> sorted = ids.stream().distinct().sorted().toList();
        String sql = "UPDATE webhook_tokens SET last_used_at = ? WHERE id IN (" + placeholders(sorted.size()) + ")";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            dialect.setInstant(ps, 1, now);
            int i = 2;
            for (long id : sorted) {
                ps.setLong(i++, id);
            }
            ps.executeUpdate();
        }
    }

    private boolean anyTokenCreated(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM webhook_tokens LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                tokensExist = true;
            }
        }
        return tokensExist;
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
