package dev.diundashboard.security;

import dev.diundashboard.platform.ApiError;
import dev.diundashboard.tokens.TokenHashes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Optional login through Jakarta Security. Without DASHBOARD_USER/DASHBOARD_PASSWORD everything is
 * open. With them, the page needs a form login (session cookie, HttpOnly, SameSite=Strict), API
 * clients may use HTTP Basic, and the page's mutating API calls must carry the session's CSRF token
 * in {@code X-CSRF-Token}. {@code /webhook} keeps its own tokens; /health and /metrics are served by
 * Payara outside this application and stay open.
 */
@ApplicationScoped
public class DashboardAuthentication implements HttpAuthenticationMechanism {

    static final String SESSION_USER = "diun.user";
    static final String SESSION_CSRF = "diun.csrf";
    static final String CSRF_COOKIE = "diun_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Inject
    DashboardCredentials credentials;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (!credentials.loginRequired()) {
            return context.doNothing();
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/login") && "POST".equals(request.getMethod())) {
            return login(request, context);
        }
        if (path.equals("/logout") && "POST".equals(request.getMethod())) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            return context.redirect(request.getContextPath() + "/login");
        }
        if (isPublic(path)) {
            return context.doNothing();
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            Optional<String> user = basic(authorization.substring(6).strip());
            return user.isPresent()
                    ? context.notifyContainerAboutLogin(user.get(), Set.of(DashboardCredentials.ROLE))
                    : refuse(response, 401, "unauthorized", "wrong user name or password", true);
        }
        HttpSession session = request.getSession(false);
        Object user = session == null ? null : session.getAttribute(SESSION_USER);
        if (user != null) {
            if (MUTATING.contains(request.getMethod()) && !csrfMatches(request, session)) {
                return refuse(response, 403, "forbidden", "missing or wrong CSRF token (X-CSRF-Token)", false);
            }
            return context.notifyContainerAboutLogin(user.toString(), Set.of(DashboardCredentials.ROLE));
        }
        if (path.startsWith("/api/")) {
            boolean page = "diun-dashboard".equals(request.getHeader("X-Requested-With"));
            return refuse(response, 401, "unauthorized", "log in, or use HTTP Basic authentication", !page);
        }
        return context.redirect(request.getContextPath() + "/login");
    }

    private AuthenticationStatus login(HttpServletRequest request, HttpMessageContext context) {
        Optional<String> user = credentials.check(request.getParameter("username"), request.getParameter("password"));
        if (user.isEmpty()) {
            return context.redirect(request.getContextPath() + "/login?failed");
        }
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession session = request.getSession(true);
        String csrf = TokenHashes.newToken();
        session.setAttribute(SESSION_USER, user.get());
        session.setAttribute(SESSION_CSRF, csrf);
        Cookie cookie = new Cookie(CSRF_COOKIE, csrf);
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setAttribute("SameSite", "Strict");
        cookie.setSecure(request.isSecure());
        context.getResponse().addCookie(cookie);
        return context.redirect(request.getContextPath() + "/");
    }

    private static boolean isPublic(String path) {
        return path.equals("/webhook")
                || path.equals("/login")
                || path.startsWith("/assets/")
                || path.equals("/_error")
                || path.startsWith("/health")
                || path.startsWith("/metrics")
                || path.startsWith("/openapi");
    }

    private Optional<String> basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0
                    ? Optional.empty()
                    : credentials.check(decoded.substring(0, colon), decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean csrfMatches(HttpServletRequest request, HttpSession session) {
        Object expected = session.getAttribute(SESSION_CSRF);
        String presented = request.getHeader(CSRF_HEADER);
        return expected != null && presented != null && TokenHashes.matches(presented, expected.toString());
    }

    private static AuthenticationStatus refuse(
            HttpServletResponse response, int status, String error, String detail, boolean challenge) {
        try {
            response.setStatus(status);
            if (challenge) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"DiunDashboard\", charset=\"UTF-8\"");
            }
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream()
                    .write(new ApiError(error, detail).toJson().getBytes(StandardCharsets.UTF_8));
            response.flushBuffer();
        } catch (IOException e) {
            // The client went away; nothing to answer.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
