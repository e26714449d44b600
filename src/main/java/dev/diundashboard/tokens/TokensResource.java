package dev.diundashboard.tokens;

import dev.diundashboard.api.Created;
import dev.diundashboard.api.Ids;
import dev.diundashboard.platform.ApiDocs;
import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.Role;
import dev.diundashboard.security.DashboardCredentials;
import dev.diundashboard.storage.GatedWrite;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/tokens}, webhook tokens: list (never the token), create (the token shown once), revoke.
 * Creating or revoking needs login: with login off, anyone who reaches the port could create the
 * first token and so lock Diun out of the webhook, or revoke the tokens Diun uses; the list stays
 * readable. {@link FeedTokensResource} and {@link ApiTokensResource} serve the other kinds the same way.
 */
@RolesAllowed(Role.VIEWER_NAME)
@Path("api/tokens")
@Tag(name = "Tokens", description = "Webhook tokens; only a hash is stored")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TokensResource {

    @Inject
    TokensStore store;

    @Inject
    DashboardCredentials login;

    @Context
    UriInfo uriInfo;

    @Operation(summary = "List tokens (never the token itself)")
    @APIResponse(
            responseCode = "200",
            description = "The tokens",
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.ARRAY, implementation = WebhookTokenView.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.TOKEN)))
    @GET
    public List<WebhookTokenView> list() {
        return store.listWebhookTokens();
    }

    @Operation(summary = "Create a token; the reply shows it once")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.OBJECT),
                            examples = @ExampleObject(name = "example", value = ApiDocs.TOKEN_REQUEST)))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            schema = @Schema(implementation = CreatedToken.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.TOKEN_CREATED)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @RolesAllowed(Role.ADMIN_NAME)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @GatedWrite
    public Response create(TokenRequest body) {
        requireLogin();
        CreatedToken created = store.create(TokenKind.WEBHOOK, body);
        return Created.at(uriInfo, created.id(), created);
    }

    @Operation(summary = "Revoke a token")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed(Role.ADMIN_NAME)
    @DELETE
    @Path("{id}")
    @GatedWrite
    public Response revoke(@PathParam("id") String id) {
        requireLogin();
        long tokenId = Ids.parse(id);
        store.revoke(TokenKind.WEBHOOK, tokenId);
        return Response.noContent().build();
    }

    private void requireLogin() {
        requireLogin(login, TokenKind.WEBHOOK);
    }

    /** Tokens of every kind are managed only with login on: with login off they would open nothing. */
    static void requireLogin(DashboardCredentials login, TokenKind kind) {
        if (!login.loginRequired()) {
            throw new ApiException(
                    Response.Status.FORBIDDEN,
                    "forbidden",
                    "managing tokens needs login: set DASHBOARD_USER and DASHBOARD_PASSWORD (or DASHBOARD_AUTH=realm)"
                            + switch (kind) {
                                case WEBHOOK -> ", or protect the webhook with WEBHOOK_SECRET instead";
                                case FEED -> "; with login off the feed is open and needs no token";
                                case API -> "; with login off the API is open and needs no token";
                            });
        }
    }
}
