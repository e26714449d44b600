package dev.diundashboard.tokens;

import dev.diundashboard.api.Created;
import dev.diundashboard.api.Ids;
import dev.diundashboard.platform.ApiDocs;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/feed-tokens}: read-only tokens for {@code /feed.atom}, for feed readers that cannot log
 * in. Listed, created and revoked exactly like webhook tokens ({@link TokensResource}, the same shapes),
 * in a table of their own: a feed token opens nothing but the feed, and a webhook token not the feed.
 */
@RolesAllowed(Role.VIEWER_NAME)
@Path("api/feed-tokens")
@Tag(name = "Feed tokens", description = "Read-only tokens for the Atom feed; only a hash is stored")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FeedTokensResource {

    @Inject
    TokensStore store;

    @Inject
    DashboardCredentials login;

    @Context
    UriInfo uriInfo;

    @Operation(summary = "List feed tokens (never the token itself)")
    @APIResponse(
            responseCode = "200",
            description = "The tokens",
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.ARRAY, implementation = TokenView.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.TOKEN)))
    @GET
    public List<TokenView> list() {
        return store.list(TokenKind.FEED);
    }

    @Operation(summary = "Create a feed token; the reply shows it once")
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
        TokensResource.requireLogin(login, TokenKind.FEED);
        CreatedToken created = store.create(TokenKind.FEED, body);
        return Created.at(uriInfo, created.id(), created);
    }

    @Operation(summary = "Revoke a feed token")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed(Role.ADMIN_NAME)
    @DELETE
    @Path("{id}")
    @GatedWrite
    public Response revoke(@PathParam("id") String id) {
        TokensResource.requireLogin(login, TokenKind.FEED);
        store.revoke(TokenKind.FEED, Ids.parse(id));
        return Response.noContent().build();
    }
}
