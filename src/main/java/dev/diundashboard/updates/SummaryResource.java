package dev.diundashboard.updates;

import dev.diundashboard.api.QueryParameters;
import dev.diundashboard.platform.ApiDocs;
import dev.diundashboard.platform.Role;
import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Counts for home-page widgets: pending, acknowledged, total, hosts, lastReceivedAt. */
@RolesAllowed(Role.VIEWER_NAME)
@Path("api/summary")
@Tag(name = "Updates")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {

    @Inject
    UpdateQueries queries;

    @Inject
    ConditionalReads conditional;

    @Context
    UriInfo uriInfo;

    @Context
    Request request;

    @Operation(summary = "Counts for home-page widgets")
    @APIResponse(
            responseCode = "200",
            description = "The counts",
            content =
                    @Content(
                            schema = @Schema(implementation = Summary.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.SUMMARY)))
    @APIResponse(responseCode = "304", ref = "NotModified")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    public Response summary() {
        QueryParameters.requireKnown(uriInfo, Set.of());
        return conditional.respond(request, uriInfo, queries::summary);
    }
}
