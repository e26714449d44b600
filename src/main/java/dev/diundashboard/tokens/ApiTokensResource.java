package dev.diundashboard.tokens;

import dev.diundashboard.api.Created;
import dev.diundashboard.api.Ids;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/api-tokens}: tokens for scripts and widgets, sent as {@code Authorization: Bearer} on
 * {@code /api}, each with a scope ({@code read}, {@code write}, {@code admin}) that gives it the role
 * viewer, operator or admin. Created (shown once) and revoked by admins, like the other tokens; an API
 * token does not open {@code /webhook}, and a webhook token does not open {@code /api}.
 */
@RolesAllowed(Role.VIEWER_NAME)
@Path("api/api-tokens")
@Tag(name = "API tokens", description = "Scoped tokens for scripts; only a hash is stored")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ApiTokensResource {

    @Inject
    TokensStore store;

    @Inject
    DashboardCredentials login;

    @Context
    UriInfo uriInfo;

    @Operation(summary = "List API tokens (never the token itself)")
    @APIResponse(
            responseCode = "200",
            description = "The tokens",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ApiTokenView.class)))
    @GET
    public List<ApiTokenView> list() {
        return store.listApiTokens();
    }

    @Operation(summary = "Create an API token with a scope; the reply shows it once")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = CreatedApiToken.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @RolesAllowed(Role.ADMIN_NAME)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @GatedWrite
    public Response create(ApiTokenRequest body) {
        TokensResource.requireLogin(login, TokenKind.API);
        CreatedApiToken created = store.createApiToken(body.name(), Scope.parse(body.scope()), body.expiresAt());
        return Created.at(uriInfo, created.id(), created);
    }

    @Operation(summary = "Revoke an API token")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed(Role.ADMIN_NAME)
    @DELETE
    @Path("{id}")
    @GatedWrite
    public Response revoke(@PathParam("id") String id) {
        TokensResource.requireLogin(login, TokenKind.API);
        store.revoke(TokenKind.API, Ids.parse(id));
        return Response.noContent().build();
    }
}
