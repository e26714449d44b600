package dev.diundashboard.live;

import dev.diundashboard.platform.ApiDocs;
import dev.diundashboard.platform.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/stream}: Server-Sent Events, one event per changed update (event name "update"),
 * one per bulk change (an "update" with a {@code count} and no id), and one per tag change ("tags"),
 * sent after the change commits. A comment every few seconds keeps idle connections open through
 * proxies; browsers reconnect by themselves after {@code retry} ms. Limits: {@link LiveStreams}.
 */
@RolesAllowed(Role.VIEWER_NAME)
@Path("api/stream")
@Tag(name = "Live", description = "Server-Sent Events after each committed change")
@ApplicationScoped
public class StreamResource {

    @Inject
    LiveStreams streams;

    @Operation(
            summary = "Server-Sent Events: update (with the update id, or a count for a bulk change) and tags,"
                    + " each after its commit")
    @APIResponse(
            responseCode = "200",
            description = "An event stream",
            content =
                    @Content(
                            mediaType = "text/event-stream",
                            schema = @Schema(implementation = Change.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.STREAM)))
    @APIResponse(
            responseCode = "503",
            description = "STREAM_MAX streams are open; see Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiError")))
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void open(@Context SseEventSink sink, @Context Sse sse, @Context HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        streams.open(sink, sse, session == null ? null : session.getId());
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Change change) {
        broadcast(change);
    }

    /** Sends a change to every open stream of this instance. */
    public void broadcast(Change change) {
        streams.broadcast(change);
    }
}
