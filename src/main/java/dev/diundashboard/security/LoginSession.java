package dev.diundashboard.security;

import dev.diundashboard.platform.Role;
import dev.diundashboard.platform.Secrets;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The session a successful form login starts: a fresh session id, the user, the login mode, and the
 * CSRF token. A session is only honoured in the mode that started it. Both cookies get {@code Secure}
 * when the browser used TLS, directly or through a proxy that says so ({@code X-Forwarded-Proto}).
 */
final class LoginSession {

    private static final String SESSION_USER = "diun.user";
    private static final String SESSION_MODE = "diun.login";
    private static final String SESSION_ROLE = "diun.role";
    private static final String SESSION_CSRF = "diun.csrf";
    private static final String CSRF_COOKIE = "diun_csrf";
    private static final String CSRF_HEADER = "X-CSRF-Token";

    private LoginSession() {}

    /**
     * Replaces any existing session (no fixation), and sets the page-readable CSRF cookie. An OpenID
     * Connect sign-in keeps its session's contents under a new id: the platform's mechanism holds the
     * provider's tokens there.
     */
    static void start(
            HttpServletRequest request, HttpServletResponse response, String user, Role role, LoginSettings.Mode mode) {
        HttpSession old = request.getSession(false);
        if (old != null && mode == LoginSettings.Mode.OIDC) {
            request.changeSessionId();
        } else if (old != null) {
            old.invalidate();
        }
        HttpSession session = request.getSession(true);
        if (RequestOrigin.secure(request) && !request.isSecure()) {
            secureSessionCookie(request, response, session);
        }
        String csrf = Secrets.newToken();
        session.setAttribute(SESSION_USER, user);
        session.setAttribute(SESSION_MODE, mode.name());
        if (role != null) {
            session.setAttribute(SESSION_ROLE, role.name());
        }
        session.setAttribute(SESSION_CSRF, csrf);
        Cookie cookie = new Cookie(CSRF_COOKIE, csrf);
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setAttribute("SameSite", "Strict");
        cookie.setSecure(RequestOrigin.secure(request));
        response.addCookie(cookie);
    }

    /**
     * Behind a TLS-terminating proxy the container sees plain HTTP and sets the session cookie
     * without {@code Secure}; this replaces it (the only cookie set so far) with the same cookie plus
     * {@code Secure}. Over direct TLS the container marks it itself.
     */
    private static void secureSessionCookie(
            HttpServletRequest request, HttpServletResponse response, HttpSession session) {
        String name = request.getServletContext().getSessionCookieConfig().getName();
        String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        response.setHeader(
                "Set-Cookie",
                (name == null ? "JSESSIONID" : name) + "=" + session.getId() + "; Path=" + path
                        + "; HttpOnly; SameSite=Strict; Secure");
    }

    /** The user logged in to this request's session in the given mode, or null. */
    static String user(HttpServletRequest request, LoginSettings.Mode mode) {
        HttpSession session = request.getSession(false);
        if (session == null || !mode.name().equals(session.getAttribute(SESSION_MODE))) {
            return null;
        }
        Object user = session.getAttribute(SESSION_USER);
        return user == null ? null : user.toString();
    }

    /**
     * The role the password login gave this session, or null (realm mode: the realm decides). A
     * session of a version before roles has none and was its one user's: an admin.
     */
    static Role role(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object role = session == null ? null : session.getAttribute(SESSION_ROLE);
        if (role != null) {
            return Role.valueOf(role.toString());
        }
        return session != null && LoginSettings.Mode.PASSWORD.name().equals(session.getAttribute(SESSION_MODE))
                ? Role.ADMIN
                : null;
    }

    static boolean csrfMatches(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(SESSION_CSRF);
        String presented = request.getHeader(CSRF_HEADER);
        return expected != null && presented != null && Secrets.matches(presented, expected.toString());
    }

    static void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
