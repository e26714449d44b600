package dev.diundashboard.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * Refuses writes that a page on another site makes a browser send. A browser attaches the session
 * cookie or cached Basic credentials to a cross-site form post, and a form can post to /api (any
 * content type is read) and to /webhook without a CORS preflight. Browsers say where a request
 * comes from: {@code Sec-Fetch-Site} (all current browsers), else {@code Origin}. A request with
 * neither header (curl, scripts, Diun) is not from a browser and passes.
 */
final class CrossSite {

    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private CrossSite() {}

    /** Whether this request must be refused: a write to /api, /login or /logout, or any /webhook call, from another site. */
    static boolean refuses(HttpServletRequest request, String path) {
        boolean guarded = path.equals("/webhook")
                || (MUTATING.contains(request.getMethod())
                        && (path.startsWith("/api/") || path.equals("/login") || path.equals("/logout")));
        return guarded && fromAnotherOrigin(request);
    }

    /**
     * {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none} (typed by the user), or,
     * without it, an {@code Origin} other than this request's own (including {@code null}).
     */
    static boolean fromAnotherOrigin(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            String s = site.strip();
            return !(s.equalsIgnoreCase("same-origin") || s.equalsIgnoreCase("none"));
        }
        String origin = request.getHeader("Origin");
        return origin != null && !RequestOrigin.normalize(origin).equals(RequestOrigin.own(request));
    }
}
