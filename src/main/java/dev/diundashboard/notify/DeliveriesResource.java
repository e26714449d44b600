package dev.diundashboard.notify;

import dev.diundashboard.api.Ids;
import dev.diundashboard.api.ListPage;
import dev.diundashboard.api.Paging;
import dev.diundashboard.api.QueryParameters;
import dev.diundashboard.platform.ApiDocs;
import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.Role;
import dev.diundashboard.storage.GatedWrite;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The outbox: what was and will be sent, newest first, with the targets' answers; retry a failed one. */
@RolesAllowed(Role.VIEWER_NAME)
@Path("api/deliveries")
@Tag(name = "Channels")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class DeliveriesResource {

    @Inject
    DeliveriesStore store;

    @Context
    UriInfo uriInfo;

    @Operation(summary = "The outbox, newest first: channel=<id>, state=pending|sent|failed|skipped, limit, offset")
    @APIResponse(
            responseCode = "200",
            description = "{items, total}",
            content = @Content(examples = @ExampleObject(name = "example", value = ApiDocs.DELIVERIES)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    public ListPage<DeliveryView> list(
            @QueryParam("channel") String channel,
            @QueryParam("state") String state,
            @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        QueryParameters.requireKnown(uriInfo, Set.of("channel", "state", "limit", "offset"));
        if (state != null
                && !state.isEmpty()
                && !Set.of("pending", "sent", "failed", "skipped").contains(state)) {
            throw ApiException.badRequest("state must be pending, sent, failed or skipped");
        }
        Long channelId = channel == null || channel.isEmpty() ? null : Ids.parse(channel);
        return store.list(channelId, state == null || state.isEmpty() ? null : state, Paging.of(limit, offset));
    }

    @Operation(summary = "Send a failed delivery again, from its first attempt")
    @APIResponse(
            responseCode = "200",
            description = "The delivery, pending again",
            content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", description = "Only a failed delivery can be retried")
    @RolesAllowed(Role.ADMIN_NAME)
    @POST
    @Path("{id}/retry")
    @GatedWrite
    public DeliveryView retry(@PathParam("id") String id) {
        return store.retry(Ids.parse(id));
    }
}
