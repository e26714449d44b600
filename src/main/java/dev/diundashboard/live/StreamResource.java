package dev.diundashboard.live;

import dev.diundashboard.platform.ApiDocs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/stream}: Server-Sent Events, one event per changed update (event name "update")
 * and one per tag change ("tags"), sent after the change commits. A comment every 20 s keeps idle
 * connections open through proxies; browsers reconnect by themselves after {@code retry} ms.
 */
@Path("api/stream")
@Tag(name = "Live", description = "Server-Sent Events after each committed change")
@ApplicationScoped
public class StreamResource {

    private static final long RETRY_MILLIS = 3000;
    private final Jsonb jsonb = JsonbBuilder.create();

    private volatile Sse sse;
    private volatile SseBroadcaster broadcaster;
    private ScheduledExecutorService keepAlive;

    @Context
    public void setSse(Sse sse) {
        this.sse = sse;
    }

    @Operation(summary = "Server-Sent Events: update (with the update id) and tags, each after its commit")
    @APIResponse(
            responseCode = "200",
            description = "An event stream",
            content =
                    @Content(
                            mediaType = "text/event-stream",
                            schema = @Schema(implementation = Change.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.STREAM)))
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void open(@Context SseEventSink sink, @Context Sse requestSse) {
        broadcaster(requestSse).register(sink);
        sink.send(requestSse
                .newEventBuilder()
                .name("hello")
                .reconnectDelay(RETRY_MILLIS)
                .data("{}")
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .build());
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Change change) {
        broadcast(change);
    }

    /** Sends a change to every open stream of this instance. */
    public void broadcast(Change change) {
        SseBroadcaster b = broadcaster;
        Sse s = sse;
        if (b == null || s == null) {
            return; // nobody is listening yet
        }
        OutboundSseEvent event = s.newEventBuilder()
                .name(change.kind())
                .id(change.id() == null ? null : String.valueOf(change.id()))
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(jsonb.toJson(change))
                .build();
        b.broadcast(event);
    }

    private synchronized SseBroadcaster broadcaster(Sse requestSse) {
        if (sse == null) {
            sse = requestSse;
        }
        if (broadcaster == null) {
            broadcaster = sse.newBroadcaster();
            keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "diun-sse-keepalive");
                t.setDaemon(true);
                return t;
            });
            keepAlive.scheduleAtFixedRate(this::ping, 20, 20, TimeUnit.SECONDS);
        }
        return broadcaster;
    }

    private void ping() {
        SseBroadcaster b = broadcaster;
        if (b != null) {
            b.broadcast(sse.newEventBuilder().comment("keep-alive").build());
        }
    }

    @jakarta.annotation.PreDestroy
    void close() {
        if (keepAlive != null) {
            keepAlive.shutdownNow();
        }
        if (broadcaster != null) {
            broadcaster.close();
        }
    }
}
