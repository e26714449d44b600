package dev.diundashboard.tokens;

import dev.diundashboard.platform.Secrets;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * Guards the webhook. Open while neither WEBHOOK_SECRET is set nor a token was ever created; then it
 * takes {@code Authorization: <token>} or {@code Authorization: Bearer <token>}. The secret is
 * compared here, in constant time; a request without any token is refused here once a token is known
 * to be required. Any other token is looked up by hash with the write that stores the notification
 * ({@link WebhookAccess}), so that the check costs no transaction of its own; the filter leaves the
 * {@link WebhookCaller} in the request property {@value #CALLER}.
 */
@Provider
@ApplicationScoped
@WebhookAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class WebhookAuthFilter implements ContainerRequestFilter {

    /** The request property carrying the {@link WebhookCaller}. */
    public static final String CALLER = "diun.webhook.caller";

    @Inject
    WebhookSecret secret;

    @Inject
    WebhookAccess access;

    @Override
    public void filter(ContainerRequestContext request) {
        String presented = presentedToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        Optional<String> configured = secret.get();
        if (presented != null && configured.isPresent() && Secrets.matches(presented, configured.get())) {
            request.setProperty(CALLER, WebhookCaller.SECRET);
            return;
        }
        WebhookCaller caller = WebhookCaller.presenting(presented);
        if (presented == null && access.tokenRequired()) {
            request.abortWith(WebhookAccess.unauthorized(caller));
            return;
        }
        request.setProperty(CALLER, caller);
    }

    static String presentedToken(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.equalsIgnoreCase("Bearer")) {
            return null;
        }
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).strip();
        }
        return value.isEmpty() ? null : value;
    }
}
