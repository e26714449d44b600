package dev.diundashboard.updates;

import dev.diundashboard.api.QueryParameters;
import dev.diundashboard.platform.ApiDocs;
import dev.diundashboard.platform.Role;
import dev.diundashboard.storage.GatedWrite;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/hosts}: every host with its alias and its total and pending counts, for the host
 * filter; {@code PUT|DELETE /api/hosts/{hostname}/alias} names a host for the page.
 */
@RolesAllowed(Role.VIEWER_NAME)
@Path("api/hosts")
@Tag(name = "Updates")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class HostsResource {

    @Inject
    UpdateQueries queries;

    @Inject
    ConditionalReads conditional;

    @Inject
    HostAliasesStore aliases;

    @Context
    UriInfo uriInfo;

    @Context
    Request request;

    @Operation(summary = "Hosts with their numbers of updates")
    @APIResponse(
            responseCode = "200",
            description = "The hosts",
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.ARRAY, implementation = HostView.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.HOSTS)))
    @APIResponse(responseCode = "304", ref = "NotModified")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    public Response hosts() {
        QueryParameters.requireKnown(uriInfo, Set.of());
        return conditional.respond(request, uriInfo, queries::hosts);
    }

    @Operation(summary = "Show a host under another name; the hostname Diun sends stays its identity")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.OBJECT),
                            examples = @ExampleObject(name = "example", value = ApiDocs.HOST_ALIAS_BODY)))
    @APIResponse(
            responseCode = "200",
            description = "The alias",
            content =
                    @Content(
                            schema = @Schema(implementation = HostAliasView.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.HOST_ALIAS)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed(Role.ADMIN_NAME)
    @PUT
    @Path("{hostname}/alias")
    @Consumes(MediaType.APPLICATION_JSON)
    @GatedWrite
    public HostAliasView setAlias(@PathParam("hostname") String hostname, HostAliasBody body) {
        return aliases.set(hostname, body);
    }

    @Operation(summary = "Show a host under the hostname Diun sends again")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed(Role.ADMIN_NAME)
    @DELETE
    @Path("{hostname}/alias")
    @GatedWrite
    public Response removeAlias(@PathParam("hostname") String hostname) {
        aliases.remove(hostname);
        return Response.noContent().build();
    }
}
