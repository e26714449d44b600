package dev.diundashboard.updates;

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
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The list of updates, one update with its history, acknowledgement, tags on updates, deletion. */
@RolesAllowed(Role.VIEWER_NAME)
@Path("api/updates")
@Tag(name = "Updates", description = "Image updates, their history, acknowledgement and tags")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class UpdatesResource {

    /** Each event holds a payload of up to 1 MiB, so a page of events is kept short. */
    private static final int MAX_EVENTS_PAGE = 100;

    private static final Set<String> EVENT_PARAMETERS = Set.of("limit", "offset");
    private static final Set<String> LIST_PARAMETERS = Set.of(
            "state", "host", "tag", "status", "q", "class", "maturity", "stack", "group", "sort", "limit", "offset");

    @Inject
    UpdateQueries queries;

    @Inject
    UpdatesStore store;

    @Inject
    ConditionalReads conditional;

    @Context
    UriInfo uriInfo;

    @Context
    Request request;

    @Operation(summary = "List updates: filter by state, host, tag, status, image text or version class; sort; page")
    @APIResponse(
            responseCode = "200",
            description = "A page of updates and the total",
            content =
                    @Content(
                            schema = @Schema(implementation = ListPage.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.UPDATE_LIST)))
    @APIResponse(responseCode = "304", ref = "NotModified")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    public Response list(
            @QueryParam("state") String state,
            @QueryParam("host") String host,
            @QueryParam("tag") String tag,
            @QueryParam("status") String status,
            @QueryParam("q") String q,
            @Parameter(description = "major, minor, patch, digest or other") @QueryParam("class") String cls,
            @Parameter(description = "settling or mature (with MATURITY_DAYS set)") @QueryParam("maturity")
                    String maturity,
            @QueryParam("stack") String stack,
            @Parameter(description = "host, stack or tag: the reply has groups instead of items") @QueryParam("group")
                    String group,
            @QueryParam("sort") String sort,
            @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        QueryParameters.requireKnown(uriInfo, LIST_PARAMETERS);
        UpdateFilter filter = UpdateFilter.of(state, host, tag, status, q, cls, maturity, stack);
        UpdateSort order = UpdateSort.of(sort);
        Paging paging = Paging.of(limit, offset);
        UpdateGroups.By by = UpdateGroups.By.parse(group);
        return conditional.respond(
                request,
                uriInfo,
                () -> by == null ? queries.list(filter, order, paging) : queries.grouped(filter, order, paging, by));
    }

    @Operation(
            summary = "One update with its newest " + UpdateDetail.LATEST_EVENTS
                    + " events and eventCount; the rest at /api/updates/{id}/events")
    @APIResponse(
            responseCode = "200",
            description = "The update, its latest events and the number of all",
            content =
                    @Content(
                            schema = @Schema(implementation = UpdateDetail.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.UPDATE_DETAIL)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("{id}")
    public UpdateDetail get(@PathParam("id") String id) {
        long updateId = Ids.parse(id);
        return queries.find(updateId).orElseThrow(() -> ApiException.notFound("update " + id + " does not exist"));
    }

    @Operation(summary = "A page of an update's history, newest first (limit: default 20, at most 100)")
    @APIResponse(
            responseCode = "200",
            description = "A page of events and the total",
            content =
                    @Content(
                            schema = @Schema(implementation = ListPage.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.EVENTS)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("{id}/events")
    public ListPage<EventView> events(
            @PathParam("id") String id, @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        long updateId = Ids.parse(id);
        QueryParameters.requireKnown(uriInfo, EVENT_PARAMETERS);
        Paging paging = Paging.of(limit, offset, UpdateDetail.LATEST_EVENTS, MAX_EVENTS_PAGE);
        return queries.events(updateId, paging)
                .orElseThrow(() -> ApiException.notFound("update " + id + " does not exist"));
    }

    @Operation(summary = "Remove an update, its history and its tag assignment")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed(Role.OPERATOR_NAME)
    @DELETE
    @Path("{id}")
    @GatedWrite
    public Response delete(@PathParam("id") String id) {
        long updateId = Ids.parse(id);
        store.delete(updateId);
        return Response.noContent().build();
    }

    @Operation(summary = "Acknowledge one update")
    @APIResponse(responseCode = "200", ref = "Update")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed(Role.OPERATOR_NAME)
    @POST
    @Path("{id}/acknowledge")
    @GatedWrite
    public UpdateView acknowledge(@PathParam("id") String id) {
        long updateId = Ids.parse(id);
        return store.acknowledge(updateId);
    }

    @Operation(summary = "Re-open an acknowledged update")
    @APIResponse(responseCode = "200", ref = "Update")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed(Role.OPERATOR_NAME)
    @DELETE
    @Path("{id}/acknowledge")
    @GatedWrite
    public UpdateView reopen(@PathParam("id") String id) {
        long updateId = Ids.parse(id);
        return store.reopen(updateId);
    }

    @Operation(summary = "Snooze an update: out of the pending list until the time, or a new digest")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.OBJECT),
                            examples = {
                                @ExampleObject(name = "days", value = ApiDocs.SNOOZE_DAYS),
                                @ExampleObject(name = "until", value = ApiDocs.SNOOZE_UNTIL)
                            }))
    @APIResponse(responseCode = "200", ref = "Update")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed(Role.OPERATOR_NAME)
    @POST
    @Path("{id}/snooze")
    @Consumes(MediaType.APPLICATION_JSON)
    @GatedWrite
    public UpdateView snooze(@PathParam("id") String id, Snooze body) {
        long updateId = Ids.parse(id);
        return store.snooze(updateId, body);
    }

    @Operation(summary = "End the snooze of an update now")
    @APIResponse(responseCode = "200", ref = "Update")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed(Role.OPERATOR_NAME)
    @DELETE
    @Path("{id}/snooze")
    @GatedWrite
    public UpdateView unsnooze(@PathParam("id") String id) {
        long updateId = Ids.parse(id);
        return store.unsnooze(updateId);
    }

    /** Takes {"ids": [...]} or a filter with the list's names; acknowledges all in one transaction. */
    @Operation(
            summary = "Acknowledge many updates in one transaction: {\"ids\": [...]} or a filter with the list's names")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.OBJECT),
                            examples = @ExampleObject(name = "example", value = ApiDocs.BULK_ACKNOWLEDGE)))
    @APIResponse(
            responseCode = "200",
            description = "How many changed",
            content = @Content(examples = @ExampleObject(name = "example", value = ApiDocs.BULK_ACKNOWLEDGED)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @RolesAllowed(Role.OPERATOR_NAME)
    @POST
    @Path("acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @GatedWrite
    public Map<String, Integer> acknowledgeMany(BulkAcknowledge body) {
        int changed = body.ids() != null ? store.acknowledgeAll(body.ids()) : store.acknowledgeMatching(body.filter());
        return Map.of("acknowledged", changed);
    }

    @Operation(summary = "Tag an update's image (at most one tag)")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.OBJECT),
                            examples = @ExampleObject(name = "example", value = ApiDocs.TAG_ASSIGNMENT)))
    @APIResponse(responseCode = "200", ref = "Update")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed(Role.OPERATOR_NAME)
    @PUT
    @Path("{id}/tag")
    @Consumes(MediaType.APPLICATION_JSON)
    @GatedWrite
    public UpdateView assignTag(@PathParam("id") String id, TagAssignment body) {
        long updateId = Ids.parse(id);
        return store.assignTag(updateId, body.tagId());
    }

    @Operation(summary = "Remove the tag of an update")
    @APIResponse(responseCode = "200", ref = "Update")
    @RolesAllowed(Role.OPERATOR_NAME)
    @DELETE
    @Path("{id}/tag")
    @GatedWrite
    public UpdateView unassignTag(@PathParam("id") String id) {
        long updateId = Ids.parse(id);
        return store.unassignTag(updateId);
    }
}
