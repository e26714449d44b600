package dev.diundashboard.it.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
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

    /** One signed-in caller: sends a request (body null or JSON) and answers with its status. */
    @FunctionalInterface
    public interface Caller {
        int status(String method, String path, String body) throws Exception;
    }

    /**
     * Calls each operation (but the webhook's, which has no role, and the stream, which does not end)
     * as {@code caller}, who has {@code role}, on ids and names that do not exist and with a body no
     * operation accepts, so that an allowed call changes nothing (it ends in 400 or 404); returns
     * the answers that are not as written down: 401 or 403 where allowed, anything but 403 where not.
     */
    public static List<String> unexpected(Collection<String> operations, String who, String role, Caller caller)
            throws Exception {
        List<String> unexpected = new ArrayList<>();
        for (String operation : operations) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1);
            if (path.equals("/webhook") || path.equals("/api/stream")) {
                continue;
            }
            String body = method.equals("GET") || method.equals("DELETE") ? null : "{\"unknown\": 1}";
            int status = caller.status(method, probe(path), body);
            if (allows(role, operation) ? status == 401 || status == 403 : status != 403) {
                unexpected.add(operation + " as " + who + " (" + role + "): " + status);
            }
        }
        return unexpected;
    }

    /** The path with ids and names that do not exist, so that an allowed call changes nothing. */
    public static String probe(String path) {
        return path.replace("{id}", "999999999")
                .replace("{hostname}", "no-such-host")
                .replace("{name}", "no-such-asset.js");
    }

    /** Every operation of an OpenAPI document as "METHOD path". */
    public static List<String> operations(jakarta.json.JsonObject document) {
        List<String> operations = new ArrayList<>();
        document.getJsonObject("paths")
                .forEach((path, item) -> item.asJsonObject().keySet().stream()
                        .filter(m ->
                                List.of("get", "put", "post", "delete", "patch").contains(m))
                        .forEach(m -> operations.add(m.toUpperCase(Locale.ROOT) + " " + path)));
        return operations;
    }

    /** Whether a caller with {@code role} may call {@code operation}. */
    public static boolean allows(String role, String operation) {
        String least = OF_OPERATION.get(operation);
        return least.equals("anyone") || ROLES.indexOf(role) >= ROLES.indexOf(least);
    }
}
