package dev.diundashboard.updates;

import dev.diundashboard.api.Created;
import dev.diundashboard.api.Ids;
import dev.diundashboard.platform.ApiDocs;
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

/** Ignore rules: list (with how many updates each ignores), create (201 + Location), replace, delete. */
@RolesAllowed(Role.VIEWER_NAME)
@Path("api/rules")
@Tag(name = "Ignore rules", description = "Matching notifications are stored but never pending")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class IgnoreRulesResource {

    @Inject
    IgnoreRulesStore store;

    @Context
    UriInfo uriInfo;

    @Operation(summary = "All ignore rules, in the order they are tried")
    @APIResponse(
            responseCode = "200",
            description = "The rules",
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.ARRAY, implementation = IgnoreRuleView.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.IGNORE_RULES)))
    @GET
    public List<IgnoreRuleView> list() {
        return store.list();
    }

    @Operation(summary = "Create an ignore rule; it applies to what is stored at once")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.OBJECT),
                            examples = @ExampleObject(name = "example", value = ApiDocs.IGNORE_RULE_BODY)))
    @APIResponse(
            responseCode = "201",
            description = "Created; Location names it",
            content = @Content(schema = @Schema(implementation = IgnoreRuleView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @RolesAllowed(Role.ADMIN_NAME)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @GatedWrite
    public Response create(IgnoreRuleBody body) {
        IgnoreRuleView created = store.create(body);
        return Created.at(uriInfo, created.id(), created);
    }

    @Operation(summary = "Replace an ignore rule: the parts it names are those of the body")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.OBJECT),
                            examples = @ExampleObject(name = "example", value = ApiDocs.IGNORE_RULE_BODY)))
    @APIResponse(
            responseCode = "200",
            description = "The rule",
            content = @Content(schema = @Schema(implementation = IgnoreRuleView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed(Role.ADMIN_NAME)
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @GatedWrite
    public IgnoreRuleView replace(@PathParam("id") String id, IgnoreRuleBody body) {
        return store.replace(Ids.parse(id), body);
    }

    @Operation(summary = "Delete an ignore rule; what it ignored is pending again unless another rule matches")
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
}
