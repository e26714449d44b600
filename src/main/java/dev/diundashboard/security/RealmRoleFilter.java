package dev.diundashboard.security;

import dev.diundashboard.platform.Role;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * With DASHBOARD_AUTH=realm, the role check that follows authentication: the server's role mapping
 * (glassfish-web.xml, from the realm's groups) decides whether the realm user has one of the roles
 * viewer, operator, admin (or the role dashboard of earlier versions). Without one, API calls get 403 with the JSON error shape and the page goes back
 * to the login form; a successful form login starts its session here, once the role is known.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RealmRoleFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    DashboardCredentials credentials;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (credentials.mode() != LoginSettings.Mode.REALM || request.getUserPrincipal() == null) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean allowed = Role.highest(request::isUserInRole).isPresent();
        boolean formLogin = path.equals("/login") && "POST".equals(request.getMethod());
        if (!allowed) {
            String user = request.getUserPrincipal().getName();
            if (path.startsWith("/api/")) {
                // The session ends with the role: its open streams close (live.StreamSessions).
                LoginSession.end(request);
                DashboardAuthentication.writeError(
                        response,
                        403,
                        "forbidden",
                        "the user '" + user + "' has none of the roles admin, operator, viewer (realm groups"
                                + " diun-admin or " + Role.LEGACY_NAME + ", diun-operator, diun-viewer)",
                        false);
            } else {
                LoginSession.end(request);
                response.sendRedirect(request.getContextPath() + "/login?denied");
            }
            return;
        }
        if (formLogin) {
            LoginSession.start(request, response, request.getUserPrincipal().getName(), null, LoginSettings.Mode.REALM);
            response.sendRedirect(request.getContextPath() + "/");
            return;
        }
        chain.doFilter(request, response);
    }
}
