package dev.diundashboard.updates;

import dev.diundashboard.api.QueryParameters;
import dev.diundashboard.platform.ApiDocs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/hosts}: every host with its total and pending counts, for the host filter. */
@Path("api/hosts")
@Tag(name = "Updates")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class HostsResource {

    @Inject
    UpdateQueries queries;

    @Inject
    ConditionalReads conditional;

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
}
