package dev.diundashboard.it.support;

import java.util.List;
import java.util.Map;

/**
 * The role matrix's expectations, written down once for every login mode: the least role each
 * operation of the OpenAPI document needs. A new operation missing here fails the matrix.
 */
public final class LeastRoles {

    /** From least to most. */
    public static final List<String> ROLES = List.of("viewer", "operator", "admin");

    /** "METHOD path" of every operation, and the least role it needs ("anyone": no login needed). */
    public static final Map<String, String> OF_OPERATION = Map.ofEntries(
            Map.entry("GET /api/updates", "viewer"),
            Map.entry("GET /api/updates/{id}", "viewer"),
            Map.entry("GET /api/updates/{id}/events", "viewer"),
            Map.entry("DELETE /api/updates/{id}", "operator"),
            Map.entry("POST /api/updates/{id}/acknowledge", "operator"),
            Map.entry("DELETE /api/updates/{id}/acknowledge", "operator"),
            Map.entry("POST /api/updates/{id}/snooze", "operator"),
            Map.entry("DELETE /api/updates/{id}/snooze", "operator"),
            Map.entry("POST /api/updates/acknowledge", "operator"),
            Map.entry("PUT /api/updates/{id}/tag", "operator"),
            Map.entry("DELETE /api/updates/{id}/tag", "operator"),
            Map.entry("GET /api/summary", "viewer"),
            Map.entry("GET /api/hosts", "viewer"),
            Map.entry("PUT /api/hosts/{hostname}/alias", "admin"),
            Map.entry("DELETE /api/hosts/{hostname}/alias", "admin"),
            Map.entry("GET /api/tags", "viewer"),
            Map.entry("GET /api/tags/{id}", "viewer"),
            Map.entry("POST /api/tags", "admin"),
            Map.entry("PATCH /api/tags/{id}", "admin"),
            Map.entry("DELETE /api/tags/{id}", "admin"),
            Map.entry("GET /api/rules", "viewer"),
            Map.entry("POST /api/rules", "admin"),
            Map.entry("PATCH /api/rules/{id}", "admin"),
            Map.entry("DELETE /api/rules/{id}", "admin"),
            Map.entry("GET /api/links", "viewer"),
            Map.entry("POST /api/links", "admin"),
            Map.entry("PATCH /api/links/{id}", "admin"),
            Map.entry("DELETE /api/links/{id}", "admin"),
            Map.entry("GET /api/channels", "viewer"),
            Map.entry("POST /api/channels", "admin"),
            Map.entry("PATCH /api/channels/{id}", "admin"),
            Map.entry("DELETE /api/channels/{id}", "admin"),
            Map.entry("POST /api/channels/{id}/test", "admin"),
            Map.entry("GET /api/deliveries", "viewer"),
            Map.entry("POST /api/deliveries/{id}/retry", "admin"),
            Map.entry("GET /api/tokens", "viewer"),
            Map.entry("POST /api/tokens", "admin"),
            Map.entry("DELETE /api/tokens/{id}", "admin"),
            Map.entry("GET /api/feed-tokens", "viewer"),
            Map.entry("POST /api/feed-tokens", "admin"),
            Map.entry("DELETE /api/feed-tokens/{id}", "admin"),
            Map.entry("GET /api/api-tokens", "viewer"),
            Map.entry("POST /api/api-tokens", "admin"),
            Map.entry("DELETE /api/api-tokens/{id}", "admin"),
            Map.entry("GET /api/audit", "viewer"),
            Map.entry("GET /api/session", "anyone"),
            Map.entry("GET /api/stream", "viewer"),
            Map.entry("GET /feed.atom", "viewer"),
            Map.entry("GET /", "anyone"),
            Map.entry("GET /login", "anyone"),
            Map.entry("GET /assets/{name}", "anyone"),
            Map.entry("POST /webhook", "anyone"),
            Map.entry("PUT /webhook", "anyone"),
            Map.entry("GET /webhook", "anyone"));

    private LeastRoles() {}

    /** Whether a caller with {@code role} may call {@code operation}. */
    public static boolean allows(String role, String operation) {
        String least = OF_OPERATION.get(operation);
        return least.equals("anyone") || ROLES.indexOf(role) >= ROLES.indexOf(least);
    }
}
