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

/** Release-notes link templates: list, create (201 + Location), change, delete. */
@RolesAllowed(Role.VIEWER_NAME)
@Path("api/links")
@Tag(name = "Release-notes links", description = "Operators' URL templates for the images a glob matches")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReleaseNotesLinksResource {

    @Inject
    ReleaseNotesLinksStore store;

    @Context
    UriInfo uriInfo;

    @Operation(summary = "All release-notes link templates, in the order they are tried")
    @APIResponse(
            responseCode = "200",
            description = "The templates",
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.ARRAY, implementation = ReleaseNotesLinkView.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.LINKS)))
    @GET
    public List<ReleaseNotesLinkView> list() {
        return store.list();
    }

    @Operation(summary = "Create a link template; it applies to what is stored at once")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.OBJECT),
                            examples = @ExampleObject(name = "example", value = ApiDocs.LINK_BODY)))
    @APIResponse(
            responseCode = "201",
            description = "Created; Location names it",
            content = @Content(schema = @Schema(implementation = ReleaseNotesLinkView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @RolesAllowed(Role.ADMIN_NAME)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @GatedWrite
    public Response create(ReleaseNotesLinkBody body) {
        ReleaseNotesLinkView created = store.create(body);
        return Created.at(uriInfo, created.id(), created);
    }

    @Operation(summary = "Change a link template: the image glob, the template, or both")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.OBJECT),
                            examples = @ExampleObject(name = "example", value = ApiDocs.LINK_BODY)))
    @APIResponse(
            responseCode = "200",
            description = "The template",
            content = @Content(schema = @Schema(implementation = ReleaseNotesLinkView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed(Role.ADMIN_NAME)
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @GatedWrite
    public ReleaseNotesLinkView change(@PathParam("id") String id, ReleaseNotesLinkBody body) {
        return store.change(Ids.parse(id), body);
    }

    @Operation(
            summary =
                    "Delete a link template; its updates get the link the next template or the built-in mapping gives")
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
