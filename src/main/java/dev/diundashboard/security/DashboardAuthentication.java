package dev.diundashboard.security;

import dev.diundashboard.platform.ApiError;
import dev.diundashboard.platform.Role;
import dev.diundashboard.storage.WriteGate;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
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
import java.util.function.Supplier;

/**
 * Optional login through Jakarta Security. Without a login configured ({@link LoginSettings})
 * everything is open. With one, the page needs a form login (session cookie, HttpOnly,
 * SameSite=Strict), API clients may use HTTP Basic, and the page's mutating API calls must carry the
 * session's CSRF token in {@code X-CSRF-Token}. {@code /webhook} keeps its own tokens; /health and
 * /metrics are served by Payara outside this application and stay open.
 *
 * <p>Before anything else, writes from another site are refused ({@link CrossSite}); every password,
 * form or Basic, goes through one throttled path ({@link LoginGuard}).
 *
 * <p>With DASHBOARD_USER/DASHBOARD_PASSWORD this class checks the password and grants the role
 * itself. With DASHBOARD_AUTH=realm the server's realm checks the password ({@link RealmPasswords})
 * and its role mapping decides the role, which {@link RealmRoleFilter} then requires. With
 * OIDC_ISSUER a browser without a session is handed to the platform's OpenID Connect mechanism
 * ({@link OidcSignIn}); API clients then use API tokens.
 *
 * <p>An alternative with a priority, so that it stays the one mechanism the container uses beside
 * the OpenID Connect mechanism that {@link OidcSignIn}'s definition adds.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class DashboardAuthentication implements HttpAuthenticationMechanism {

    /** The caller with login off; the audit log names it so. */
    public static final String ANONYMOUS = "anonymous";

    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Inject
    DashboardCredentials credentials;

    @Inject
    LoginGuard guard;

    @Inject
    IssuedTokens tokens;

    @Inject
    WriteGate writes;

    @Inject
    OidcSignIn oidc;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (CrossSite.refuses(request, path)) {
            return refuse(
                    response,
                    403,
                    "forbidden",
                    "a request from another site may not change anything here (Sec-Fetch-Site/Origin)",
                    false);
        }
        if (!credentials.loginRequired()) {
            // Every caller is an admin. The container enforces @RolesAllowed too, so it must be told.
            return isPublic(path)
                    ? context.doNothing()
                    : context.notifyContainerAboutLogin(ANONYMOUS, roles(Role.ADMIN));
        }
        if (path.equals("/login") && "POST".equals(request.getMethod())) {
            return formLogin(request, response, context);
        }
        boolean openId = credentials.mode() == LoginSettings.Mode.OIDC;
        if (path.equals("/logout") && "POST".equals(request.getMethod())) {
            if (openId) {
                return oidc.signOut(request, response, context);
            }
            LoginSession.end(request);
            return context.redirect(request.getContextPath() + "/login");
        }
        if (openId && path.equals("/login")) {
            return "signedOut".equals(request.getQueryString())
                    ? oidc.signedOut(response)
                    : oidc.signIn(request, response, context, path);
        }
        if (isPublic(path)) {
            return context.doNothing();
        }
        if (path.equals("/feed.atom") && request.getParameter("token") != null) {
            return feedToken(request.getParameter("token"), response, context);
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null
                && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && (path.startsWith("/api/") || path.equals("/feed.atom"))) {
            return apiToken(authorization.substring(7).strip(), response, context);
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (openId) {
                return refuse(
                        response,
                        401,
                        "unauthorized",
                        "users sign in through OpenID Connect; scripts use an API token (Authorization: Bearer)",
                        false);
            }
            Optional<String[]> presented = basic(authorization.substring(6).strip());
            if (presented.isEmpty()) {
                return refuse(response, 401, "unauthorized", "wrong user name or password", true);
            }
            Attempt attempt =
                    attempt(request, context, presented.get()[0], presented.get()[1], "basic");
            if (attempt.retryAfter() > 0) {
                return throttled(response, attempt.retryAfter());
            }
            if (attempt.caller() == null) {
                return refuse(response, 401, "unauthorized", "wrong user name or password", true);
            }
            return context.notifyContainerAboutLogin(
                    attempt.caller().user(), roles(attempt.caller().role()));
        }
        String user = LoginSession.user(request, credentials.mode());
        if (user != null) {
            if (MUTATING.contains(request.getMethod()) && !LoginSession.csrfMatches(request)) {
                return refuse(response, 403, "forbidden", "missing or wrong CSRF token (X-CSRF-Token)", false);
            }
            return context.notifyContainerAboutLogin(user, roles(LoginSession.role(request)));
        }
        if (path.startsWith("/api/") || path.equals("/feed.atom")) {
            boolean page = "diun-dashboard".equals(request.getHeader("X-Requested-With"));
            return openId
                    ? refuse(
                            response,
                            401,
                            "unauthorized",
                            "sign in, or use an API token (Authorization: Bearer)",
                            false)
                    : refuse(response, 401, "unauthorized", "log in, or use HTTP Basic authentication", !page);
        }
        if (openId) {
            return oidc.signIn(request, response, context, path);
        }
        return context.redirect(request.getContextPath() + "/login");
    }

    /**
     * The form login. In password mode a success starts the session here; in realm mode the caller
     * is authenticated for this one request, so that {@link RealmRoleFilter} can ask the container
     * for the role before it starts the session.
     */
    private AuthenticationStatus formLogin(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        LoginForm.Fields form;
        try {
            form = LoginForm.read(request);
        } catch (LoginForm.TooLarge e) {
            response.setHeader("Connection", "close");
            return refuse(response, 413, "payload too large", "the login form is limited to 1 MiB", false);
        } catch (IOException e) {
            return refuse(response, 400, "bad request", "the login form could not be read", false);
        }
        Attempt attempt = attempt(request, context, form.username(), form.password(), "form");
        if (attempt.retryAfter() > 0) {
            return throttled(response, attempt.retryAfter());
        }
        if (attempt.caller() == null) {
            return context.redirect(request.getContextPath() + "/login?failed");
        }
        if (credentials.mode() == LoginSettings.Mode.REALM) {
            return context.notifyContainerAboutLogin(attempt.caller().user(), Set.of());
        }
        LoginSession.start(
                request,
                context.getResponse(),
                attempt.caller().user(),
                attempt.caller().role(),
                LoginSettings.Mode.PASSWORD);
        return context.redirect(request.getContextPath() + "/");
    }

    /** A feed token: a viewer for this one request, never a session. */
    private AuthenticationStatus feedToken(String token, HttpServletResponse response, HttpMessageContext context) {
        return tokenLogin(
                "feed token",
                () -> tokens.useFeedToken(token).map(name -> new DashboardCredentials.Caller(name, Role.VIEWER)),
                response,
                context);
    }

    /** An API token: the role of its scope, for this one request, never a session (so no CSRF either). */
    private AuthenticationStatus apiToken(String token, HttpServletResponse response, HttpMessageContext context) {
        return tokenLogin("API token", () -> tokens.useApiToken(token), response, context);
    }

    private AuthenticationStatus tokenLogin(
            String kind,
            Supplier<Optional<DashboardCredentials.Caller>> check,
            HttpServletResponse response,
            HttpMessageContext context) {
        Optional<DashboardCredentials.Caller> caller;
        try {
            // It may record the time of use: a write, in turn with the others.
            caller = writes.run(check);
        } catch (RuntimeException e) {
            return refuse(response, 503, "service unavailable", "the database is not available", false);
        }
        if (caller.isEmpty()) {
            return refuse(response, 401, "unauthorized", "the " + kind + " is not valid, expired or revoked", false);
        }
        return context.notifyContainerAboutLogin(
                LoginSettings.printable(caller.get().user(), 100) + " (" + kind + ")",
                roles(caller.get().role()));
    }

    /**
     * The caller accepted (in realm mode without a role: the realm's groups decide), or null; or the
     * seconds to wait when the attempt was not even checked.
     */
    private record Attempt(DashboardCredentials.Caller caller, long retryAfter) {}

    /** The one path every password takes, form or Basic, password or realm mode: throttle, check, record. */
    private Attempt attempt(
            HttpServletRequest request, HttpMessageContext context, String user, String password, String via) {
        String address = guard.clientAddress(request);
        long wait = guard.retryAfterSeconds(user, address);
        if (wait > 0) {
            return new Attempt(null, wait);
        }
        DashboardCredentials.Caller accepted = credentials.mode() == LoginSettings.Mode.REALM
                ? (RealmPasswords.validate(context, user, password)
                        ? new DashboardCredentials.Caller(user, null)
                        : null)
                : credentials.check(user, password).orElse(null);
        if (accepted == null) {
            guard.failed(user, address, via);
        } else {
            guard.succeeded(user, address);
        }
        return new Attempt(accepted, 0);
    }

    /**
     * The groups to report for a role (mapped to roles by glassfish-web.xml); none in realm mode, where
     * the realm's own groups decide.
     */
    private static Set<String> roles(Role role) {
        return role == null ? Set.of() : Set.of(role.group());
    }

    private static AuthenticationStatus throttled(HttpServletResponse response, long seconds) {
        response.setHeader("Retry-After", String.valueOf(seconds));
        return refuse(
                response, 429, "too many requests", "too many failed logins; try again in " + seconds + " s", false);
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
