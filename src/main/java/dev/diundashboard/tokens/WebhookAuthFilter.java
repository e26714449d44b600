package dev.diundashboard.tokens;

import dev.diundashboard.platform.ApiError;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * Guards the webhook. Open while neither WEBHOOK_SECRET is set nor a token was ever created; then it
 * takes {@code Authorization: <token>} or {@code Authorization: Bearer <token>}, compares the secret
 * in constant time and looks tokens up by hash, and refuses anything else with a JSON 401.
 */
@Provider
@ApplicationScoped
@WebhookAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class WebhookAuthFilter implements ContainerRequestFilter {

    /** The request property carrying the id of the token used, for lastUsedAt. */
    public static final String TOKEN_ID = "diun.webhook.tokenId";

    @Inject
    WebhookSecret secret;

    @Inject
    TokensStore tokens;

    /** Tokens are never deleted, only revoked: once one exists, the answer stays yes. */
    private volatile boolean tokensExist;

    @Override
    public void filter(ContainerRequestContext request) {
        String presented = presentedToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        Optional<String> configured = secret.get();
        if (presented != null && configured.isPresent() && TokenHashes.matches(presented, configured.get())) {
            return;
        }
        if (presented != null) {
            Optional<Long> tokenId = tokens.usableTokenId(presented);
            if (tokenId.isPresent()) {
                request.setProperty(TOKEN_ID, tokenId.get());
                return;
            }
        }
        if (configured.isEmpty() && !tokensExist()) {
            return; // no authentication configured: the webhook is open
        }
        request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"diun-dashboard\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(
                        "unauthorized",
                        presented == null
                                ? "this webhook requires a token: send Authorization: Bearer <token>"
                                : "the token is not valid, expired or revoked"))
                .build());
    }

    private boolean tokensExist() {
        if (!tokensExist && tokens.anyCreated()) {
            tokensExist = true;
        }
        return tokensExist;
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
