package dev.diundashboard.webhook;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.tokens.WebhookAccess;
import dev.diundashboard.tokens.WebhookAuthFilter;
import dev.diundashboard.tokens.WebhookAuthenticated;
import dev.diundashboard.tokens.WebhookCaller;
import dev.diundashboard.updates.Notification;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where Diun sends its notifications. Diun up to 4.31 POSTs; from 4.32 it sends the configured
 * method, GET with a JSON body by default. Diun sets no Content-Type, so any is accepted. The 200
 * carries the stored update and is sent only after the commit. The request thread only reads and
 * checks the body: the {@link IngestWriter} stores it with others that arrive meanwhile and resumes
 * the suspended response after their commit.
 */
@PermitAll
@Path("webhook")
@Tag(name = "Webhook", description = "Where Diun sends its notifications")
@ApplicationScoped
@WebhookAuthenticated
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    /**
     * A webhook is answered within this time whatever happens to it (503 otherwise), so that a reply
     * lost to an error (out of memory) neither leaves the caller waiting nor keeps the body's memory
     * budget. Normally the answer follows the commit within milliseconds; the writer itself gives up
     * on a notification that waited 8 s for its turn.
     */
    static final int ANSWER_SECONDS = 60;

    @Inject
    NotificationParser parser;

    @Inject
    IngestWriter writer;

    /** Jersey keeps request properties as servlet request attributes. */
    @Context
    HttpServletRequest request;

    @Operation(summary = "Receive a Diun notification (Diun 4.32+ sends GET with a body)")
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(ref = "Notification")
    @APIResponse(responseCode = "200", ref = "StoredUpdate")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @POST
    public void post(
            InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
            @Suspended AsyncResponse response) {
        receive(body, length, response);
    }

    @Operation(summary = "Receive a Diun notification (Diun 4.32+ sends GET with a body)")
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(ref = "Notification")
    @APIResponse(responseCode = "200", ref = "StoredUpdate")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @PUT
    public void put(
            InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
            @Suspended AsyncResponse response) {
        receive(body, length, response);
    }

    @Operation(summary = "Receive a Diun notification (Diun 4.32+ sends GET with a body)")
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(ref = "Notification")
    @APIResponse(responseCode = "200", ref = "StoredUpdate")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @GET
    public void get(
            InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
            @Suspended AsyncResponse response) {
        receive(body, length, response);
    }

    private void receive(InputStream body, String length, AsyncResponse response) {
        response.setTimeout(ANSWER_SECONDS, TimeUnit.SECONDS);
        response.setTimeoutHandler(late ->
                late.resume(ApiException.unavailable("no answer within " + ANSWER_SECONDS + " s; retry later")));
        WebhookCaller caller = (WebhookCaller) request.getAttribute(WebhookAuthFilter.CALLER);
        try {
            Notification notification;
            try {
                notification = parser.parse(RequestBody.read(body, length));
            } catch (ApiException refused) {
                if (caller.secretMatched()) {
                    throw refused;
                }
                // a caller that may not write learns that first, not what is wrong with the body
                writer.checkAccess(
                        caller,
                        outcome ->
                                resume(response, outcome instanceof IngestWriter.Admitted ? null : outcome, refused));
                return;
            }
            writer.submit(notification, caller, outcome -> resume(response, outcome, null));
        } catch (RuntimeException e) {
            response.resume(e);
        }
    }

    /** Answers with the outcome, or with {@code otherwise} when there is none. */
    private static void resume(AsyncResponse response, IngestWriter.Outcome outcome, RuntimeException otherwise) {
        if (outcome instanceof IngestWriter.Stored stored) {
            response.resume(stored.update());
        } else if (outcome instanceof IngestWriter.Refused refused) {
            response.resume(WebhookAccess.unauthorized(refused.caller()));
        } else if (outcome instanceof IngestWriter.Failed failed) {
            response.resume(failed.error());
        } else {
            response.resume(otherwise);
        }
    }
}
