package dev.diundashboard.security;

import dev.diundashboard.platform.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContextWrapper;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.OpenIdConstant;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sign-in through an OpenID Connect provider ({@link OidcSettings}) with Jakarta Security's own
 * OpenID Connect mechanism, which Payara provides: discovery from the issuer, the authorization code
 * flow, state, nonce, the token request and the ID token's validation against the provider's keys
 * are all the platform's. {@link DashboardAuthentication} stays the application's one mechanism and
 * hands browsers without a session to it. Around it, this class
 *
 * <ul>
 *   <li>adds PKCE ({@link Pkce}), which the mechanism of Jakarta Security 3.0 does not send;
 *   <li>presents the request at {@code DASHBOARD_URL}, so that the callback matches the redirect
 *       address behind a reverse proxy too;
 *   <li>maps the groups claim to a role, refuses a user in no mapped group with a page that says so,
 *       and starts the dashboard's own session (with its CSRF token) for the others;
 *   <li>signs out at the provider too, where it offers an end-session endpoint.
 * </ul>
 *
 * <p>The mechanism keeps its state and nonce in cookies, not in the session: the session cookie is
 * SameSite=Strict, so a browser does not send it with the provider's redirect back.
 */
@ApplicationScoped
@Named("diunOidc")
@OpenIdAuthenticationMechanismDefinition(
        providerURI = "${diunOidc.issuer}",
        clientId = "${diunOidc.clientId}",
        clientSecret = "${diunOidc.clientSecret}",
        redirectURI = "${diunOidc.redirectUri}",
        claimsDefinition = @ClaimsDefinition(callerGroupsClaim = "${diunOidc.rolesClaim}"),
        scope = {OpenIdConstant.OPENID_SCOPE, OpenIdConstant.PROFILE_SCOPE, OpenIdConstant.EMAIL_SCOPE},
        useSession = false,
        redirectToOriginalResource = false,
        tokenAutoRefresh = false)
public class OidcSignIn {

    private static final Logger LOG = Logger.getLogger(OidcSignIn.class.getName());

    private static final String ID_TOKEN = "diun.oidc.idToken";
    private static final String END_SESSION = "diun.oidc.endSession";

    @Inject
    DashboardCredentials credentials;

    @Inject
    BeanManager beans;

    private volatile HttpAuthenticationMechanism platformMechanism;

    @Inject
    Instance<OpenIdContext> openIdContext;

    private final Pkce pkce = new Pkce();

    /** What the mechanism's definition reads (only in OIDC mode). */
    public String getIssuer() {
        return settings().issuer();
    }

    public String getClientId() {
        return settings().clientId();
    }

    public String getClientSecret() {
        return settings().clientSecret();
    }

    public String getRedirectUri() {
        return settings().redirectUri();
    }

    public String getRolesClaim() {
        return settings().rolesClaim();
    }

    private OidcSettings settings() {
        return credentials.oidc();
    }

    /**
     * A browser without a session: to the provider's sign-in; or the provider's redirect back to
     * {@link OidcSettings#CALLBACK_PATH}: the code exchanged, the role mapped, the session started.
     */
    AuthenticationStatus signIn(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context, String path) {
        AtDashboardUrl at = new AtDashboardUrl(request, settings().dashboardUrl() + path);
        WithPkce out = new WithPkce(response);
        Outcome outcome = new Outcome();
        HttpMessageContext around = new Around(context, at, out, outcome);
        boolean callback = path.equals(OidcSettings.CALLBACK_PATH);
        String state = request.getParameter("state");
        AuthenticationStatus status;
        try {
            status = callback && state != null
                    ? pkce.exchanging(state, () -> mechanism().validateRequest(at, out, around))
                    : mechanism().validateRequest(at, out, around);
        } catch (AuthenticationException | RuntimeException e) {
            LOG.log(Level.WARNING, "OpenID Connect sign-in failed: " + e, e);
            return page(
                    response,
                    502,
                    "Sign-in failed",
                    "The identity provider could not be reached or answered with an error. Try again in a"
                            + " moment; the server log says more.",
                    null);
        }
        if (!callback) {
            return status;
        }
        if (outcome.role != null) {
            return page(
                    response,
                    200,
                    "Signed in",
                    "Signed in as " + outcome.user + " (" + outcome.role.roleName() + ").",
                    settings().dashboardUrl() + "/");
        }
        if (outcome.refused) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        String error = request.getParameter("error");
        return page(
                response,
                401,
                "Sign-in did not complete",
                error != null
                        ? "The identity provider answered: " + LoginSettings.printable(error, 100) + "."
                        : "The sign-in could not be completed (it may have expired, or been started in another"
                                + " browser or before a restart).",
                null);
    }

    /** Ends the dashboard's session, then the provider's where it has an end-session endpoint. */
    AuthenticationStatus signOut(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        Object idToken = session == null ? null : session.getAttribute(ID_TOKEN);
        Object endSession = session == null ? null : session.getAttribute(END_SESSION);
        LoginSession.end(request);
        String signedOut = settings().dashboardUrl() + "/login?signedOut";
        if (endSession == null) {
            return context.redirect(signedOut);
        }
        String target = endSession + (endSession.toString().contains("?") ? "&" : "?") + "client_id="
                + encode(settings().clientId()) + "&post_logout_redirect_uri=" + encode(signedOut)
                + (idToken == null ? "" : "&id_token_hint=" + encode(idToken.toString()));
        return page(response, 200, "Signing out", "Signing out at the identity provider…", target);
    }

    /** What the browser sees at /login?signedOut: no redirect to the provider, a way to sign in again. */
    AuthenticationStatus signedOut(HttpServletResponse response) {
        return page(response, 200, "Signed out", "You are signed out.", null);
    }

    /**
     * The platform's mechanism, the one beside ours that the definition above adds. Looked up among
     * all beans: typesafe resolution (and {@code Instance}) would only ever give ours, the
     * alternative.
     */
    private HttpAuthenticationMechanism mechanism() {
        HttpAuthenticationMechanism found = platformMechanism;
        if (found != null) {
            return found;
        }
        for (Bean<?> bean : beans.getBeans(HttpAuthenticationMechanism.class, Any.Literal.INSTANCE)) {
            if (!DashboardAuthentication.class.isAssignableFrom(bean.getBeanClass())) {
                found = (HttpAuthenticationMechanism) beans.getReference(
                        bean, HttpAuthenticationMechanism.class, beans.createCreationalContext(bean));
                platformMechanism = found;
                return found;
            }
        }
        throw new IllegalStateException("the server provides no OpenID Connect mechanism (Jakarta Security 3.0)");
    }

    /** The user the mechanism has validated: refused without a mapped group, else given a session. */
    private AuthenticationStatus signedIn(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpMessageContext context,
            CredentialValidationResult result,
            Outcome outcome) {
        String user = LoginSettings.printable(result.getCallerPrincipal().getName(), 100);
        Set<String> groups = result.getCallerGroups();
        Optional<Role> role = settings().roleOf(groups);
        HttpSession session = request.getSession(true);
        try {
            // Kept for signing out at the provider later (the session survives the sign-in, renamed).
            OpenIdContext tokens = openIdContext.get();
            session.setAttribute(ID_TOKEN, tokens.getIdentityToken().getToken());
            String end = tokens.getProviderMetadata().getString("end_session_endpoint", null);
            if (end != null) {
                session.setAttribute(END_SESSION, end);
            }
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "OpenID Connect: no ID token or end-session endpoint to sign out with later: " + e,
                    e);
        }
        if (role.isEmpty()) {
            outcome.refused = true;
            LOG.warning("OpenID Connect: '" + user + "' signed in but is in none of the groups that give a role"
                    + " (claim '" + settings().rolesClaim() + "')");
            page(
                    response,
                    403,
                    "No access",
                    user + " is signed in at the identity provider, but is in none of the groups that give a role"
                            + " here. An administrator can add you to one of "
                            + settings().adminGroups()
                            + " (admin), " + settings().operatorGroups() + " (operator) or "
                            + settings().viewerGroups() + " (viewer), in the claim '"
                            + settings().rolesClaim()
                            + "'.",
                    null);
            return AuthenticationStatus.SEND_FAILURE;
        }
        outcome.user = user;
        outcome.role = role.get();
        LoginSession.start(request, response, user, role.get(), LoginSettings.Mode.OIDC);
        return context.notifyContainerAboutLogin(user, Set.of(role.get().group()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * A small page of its own (no script), for what happens outside the dashboard's page: signed in,
     * signing out, refused, failed, signed out. With {@code onward} it moves the browser on there by
     * itself: a page, not a redirect, where a redirect would not do (a SameSite=Strict cookie is not
     * sent along a redirect that began on another site; the dashboard's {@code form-action 'self'}
     * forbids a form post to redirect to the provider).
     */
    private AuthenticationStatus page(
            HttpServletResponse response, int status, String title, String message, String onward) {
        String at = settings().dashboardUrl();
        String body = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + (onward != null ? "<meta http-equiv=\"refresh\" content=\"0;url=" + html(onward) + "\">" : "")
                + "<title>" + html(title) + " · DiunDashboard</title>"
                + "<link rel=\"stylesheet\" href=\"" + html(at)
                + "/assets/app.css\"></head><body><main class=\"login\">"
                + "<h1>" + html(title) + "</h1><p id=\"message\">" + html(message) + "</p>"
                + (onward == null
                        ? "<p><a id=\"sign-in\" href=\"" + html(at) + "/login\">Sign in again</a></p>"
                                + "<form method=\"post\" action=\"" + html(at) + "/logout\">"
                                + "<button id=\"sign-out\">Sign out at the identity provider</button></form>"
                        : "<p><a href=\"" + html(onward) + "\">Continue</a></p>")
                + "</main></body></html>";
        try {
            response.setStatus(status);
            response.setContentType("text/html");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            response.flushBuffer();
        } catch (IOException e) {
            // The browser went away.
        }
        return status == 200 ? AuthenticationStatus.SEND_CONTINUE : AuthenticationStatus.SEND_FAILURE;
    }

    private static String html(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** What the sign-in came to, as the mechanism reported it. */
    private static final class Outcome {
        String user;
        Role role;
        boolean refused;
    }

    /** The request as the browser addressed it at DASHBOARD_URL, whatever proxy lies between. */
    private static final class AtDashboardUrl extends HttpServletRequestWrapper {
        private final String url;

        AtDashboardUrl(HttpServletRequest request, String url) {
            super(request);
            this.url = url;
        }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(url);
        }
    }

    /** Adds the PKCE challenge to the mechanism's redirect to the provider. */
    private final class WithPkce extends HttpServletResponseWrapper {
        WithPkce(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            super.sendRedirect(pkce.withChallenge(location, settings().clientId()));
        }
    }

    /** The container's context, as the mechanism must see it: every page needs sign-in. */
    private final class Around extends HttpMessageContextWrapper {
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final Outcome outcome;

        Around(HttpMessageContext context, HttpServletRequest request, HttpServletResponse response, Outcome outcome) {
            super(context);
            this.request = request;
            this.response = response;
            this.outcome = outcome;
        }

        @Override
        public boolean isProtected() {
            return true;
        }

        @Override
        public HttpServletRequest getRequest() {
            return request;
        }

        @Override
        public HttpServletResponse getResponse() {
            return response;
        }

        @Override
        public AuthenticationStatus redirect(String location) {
            return super.redirect(pkce.withChallenge(location, settings().clientId()));
        }

        @Override
        public AuthenticationStatus notifyContainerAboutLogin(CredentialValidationResult result) {
            if (result.getStatus() != CredentialValidationResult.Status.VALID) {
                return super.notifyContainerAboutLogin(result);
            }
            return signedIn(request, response, getWrapped(), result, outcome);
        }
    }
}
