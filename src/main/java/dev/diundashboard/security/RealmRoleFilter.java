package dev.diundashboard.security;

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
 * decides whether the realm user has the role {@value LoginSettings#ROLE} (glassfish-web.xml maps the
 * group of that name). Without it, API calls get 403 with the JSON error shape and the page goes back
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
        boolean allowed = request.isUserInRole(LoginSettings.ROLE);
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
                        "the user '" + user + "' lacks the role '" + LoginSettings.ROLE + "'",
                        false);
            } else {
                LoginSession.end(request);
                response.sendRedirect(request.getContextPath() + "/login?denied");
            }
            return;
        }
        if (formLogin) {
            LoginSession.start(request, response, request.getUserPrincipal().getName(), LoginSettings.Mode.REALM);
            response.sendRedirect(request.getContextPath() + "/");
            return;
        }
        chain.doFilter(request, response);
    }
}
