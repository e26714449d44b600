package dev.diundashboard.security;

import dev.diundashboard.platform.ApiError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Optional login through Jakarta Security. Without a login configured ({@link LoginSettings})
 * everything is open. With one, the page needs a form login (session cookie, HttpOnly,
 * SameSite=Strict), API clients may use HTTP Basic, and the page's mutating API calls must carry the
 * session's CSRF token in {@code X-CSRF-Token}. {@code /webhook} keeps its own tokens; /health and
 * /metrics are served by Payara outside this application and stay open.
 *
 * <p>With DASHBOARD_USER/DASHBOARD_PASSWORD this class checks the password and grants the role
 * itself. With DASHBOARD_AUTH=realm the server's realm checks the password ({@link RealmPasswords})
 * and its role mapping decides the role, which {@link RealmRoleFilter} then requires.
 */
@ApplicationScoped
public class DashboardAuthentication implements HttpAuthenticationMechanism {

    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Inject
    DashboardCredentials credentials;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (!credentials.loginRequired()) {
            return context.doNothing();
        }
        boolean realm = credentials.mode() == LoginSettings.Mode.REALM;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/login") && "POST".equals(request.getMethod())) {
            return realm ? realmLogin(request, context) : login(request, context);
        }
        if (path.equals("/logout") && "POST".equals(request.getMethod())) {
            LoginSession.end(request);
            return context.redirect(request.getContextPath() + "/login");
        }
        if (isPublic(path)) {
            return context.doNothing();
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            Optional<String[]> presented = basic(authorization.substring(6).strip());
            if (presented.isEmpty()) {
                return refuse(response, 401, "unauthorized", "wrong user name or password", true);
            }
            String user = presented.get()[0];
            String password = presented.get()[1];
            if (realm) {
                return RealmPasswords.validate(context, user, password)
                        ? context.notifyContainerAboutLogin(user, Set.of())
                        : refuse(response, 401, "unauthorized", "wrong user name or password", true);
            }
            Optional<String> checked = credentials.check(user, password);
            return checked.isPresent()
                    ? context.notifyContainerAboutLogin(checked.get(), Set.of(DashboardCredentials.ROLE))
                    : refuse(response, 401, "unauthorized", "wrong user name or password", true);
        }
        String user = LoginSession.user(request, credentials.mode());
        if (user != null) {
            if (MUTATING.contains(request.getMethod()) && !LoginSession.csrfMatches(request)) {
                return refuse(response, 403, "forbidden", "missing or wrong CSRF token (X-CSRF-Token)", false);
            }
            return context.notifyContainerAboutLogin(user, realm ? Set.of() : Set.of(DashboardCredentials.ROLE));
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
        LoginSession.start(request, context.getResponse(), user.get(), LoginSettings.Mode.PASSWORD);
        return context.redirect(request.getContextPath() + "/");
    }

    /**
     * The realm checks the password; the caller is then authenticated for this one request, so that
     * {@link RealmRoleFilter} can ask the container for the role before it starts the session.
     */
    private AuthenticationStatus realmLogin(HttpServletRequest request, HttpMessageContext context) {
        String user = request.getParameter("username");
        if (!RealmPasswords.validate(context, user, request.getParameter("password"))) {
            return context.redirect(request.getContextPath() + "/login?failed");
        }
        return context.notifyContainerAboutLogin(user, Set.of());
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

    /** The user name and password of a Basic header, or empty when it is malformed. */
    private static Optional<String[]> basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0
                    ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static AuthenticationStatus refuse(
            HttpServletResponse response, int status, String error, String detail, boolean challenge) {
        writeError(response, status, error, detail, challenge);
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** Answers with the JSON error shape, and with a Basic challenge when asked to. */
    static void writeError(HttpServletResponse response, int status, String error, String detail, boolean challenge) {
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
    }
}
