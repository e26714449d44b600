package dev.diundashboard.notify;

import dev.diundashboard.api.Created;
import dev.diundashboard.api.Ids;
import dev.diundashboard.platform.ApiDocs;
import dev.diundashboard.platform.JsonBody;
import dev.diundashboard.platform.Role;
import dev.diundashboard.storage.GatedWrite;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/** Notification channels: list, create (201 + Location), change, delete, and send a test message. */
@RolesAllowed(Role.VIEWER_NAME)
@Path("api/channels")
@Tag(name = "Channels", description = "Where and when the dashboard tells people about pending updates")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ChannelsResource {

    @Inject
    ChannelsStore store;

    @Inject
    Transports transports;

    @Inject
    NotifySettings settings;

    @Context
    UriInfo uriInfo;

    /** What a test message brought back. */
    @Schema(name = "ChannelTest")
    public record TestResult(boolean delivered, Integer status, String answer) {}

    @Operation(summary = "All channels, their secrets masked")
    @APIResponse(
            responseCode = "200",
            description = "The channels",
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.ARRAY, implementation = ChannelView.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.CHANNELS)))
    @GET
    public List<ChannelView> list() {
        return store.list();
    }

    @Operation(summary = "Create a channel")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.OBJECT),
                            examples = @ExampleObject(name = "example", value = ApiDocs.CHANNEL_BODY)))
    @APIResponse(
            responseCode = "201",
            description = "Created; Location names it",
            content = @Content(schema = @Schema(implementation = ChannelView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @RolesAllowed(Role.ADMIN_NAME)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @GatedWrite
    public Response create(byte[] body) {
        ChannelView created = store.create(JsonBody.object(body));
        return Created.at(uriInfo, created.id(), created);
    }

    @Operation(summary = "Change a channel: what the body names; a secret sent back masked, or left out, stays")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.OBJECT),
                            examples = @ExampleObject(name = "example", value = ApiDocs.CHANNEL_CHANGE)))
    @APIResponse(
            responseCode = "200",
            description = "The channel",
            content = @Content(schema = @Schema(implementation = ChannelView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed(Role.ADMIN_NAME)
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @GatedWrite
    public ChannelView change(@PathParam("id") String id, byte[] body) {
        return store.change(Ids.parse(id), JsonBody.object(body));
    }

    @Operation(summary = "Delete a channel and its outbox")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed(Role.ADMIN_NAME)
    @DELETE
    @Path("{id}")
    @GatedWrite
    public Response delete(@PathParam("id") String id) {
        store.delete(Ids.parse(id));
        return Response.noContent().build();
    }

    @Operation(summary = "Send a test message now and show the target's answer")
    @APIResponse(
            responseCode = "200",
            description = "How the target answered",
            content =
                    @Content(
                            schema = @Schema(implementation = TestResult.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.CHANNEL_TEST)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed(Role.ADMIN_NAME)
    @POST
    @Path("{id}/test")
    public TestResult test(@PathParam("id") String id) {
        ChannelSettings channel = store.settings(Ids.parse(id));
        Message message = new Message(
                Message.Kind.TEST, "Test from DiunDashboard: " + channel.name(), List.of(), 0, settings.dashboardUrl());
        Transports.Attempt attempt = transports.send(channel.config(), message);
        return new TestResult(attempt.delivered(), attempt.status(), attempt.answer());
    }
}
