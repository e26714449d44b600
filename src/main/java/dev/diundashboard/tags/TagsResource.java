package dev.diundashboard.tags;

import dev.diundashboard.api.Created;
import dev.diundashboard.api.Ids;
import dev.diundashboard.platform.ApiDocs;
import dev.diundashboard.platform.Role;
import dev.diundashboard.storage.GatedWrite;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
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

/** Tags: list with counts, create (201 + Location), rename, delete. */
@RolesAllowed(Role.VIEWER_NAME)
@Path("api/tags")
@org.eclipse.microprofile.openapi.annotations.tags.Tag(
        name = "Tags",
        description = "Tags group images; an image has at most one")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TagsResource {

    @Inject
    TagsStore store;

    @Context
    UriInfo uriInfo;

    @Operation(summary = "All tags with their numbers of images")
    @APIResponse(
            responseCode = "200",
            description = "The tags",
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.ARRAY, implementation = TagView.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.TAG)))
    @GET
    public List<TagView> list() {
        return store.list();
    }

    @Operation(summary = "One tag")
    @APIResponse(
            responseCode = "200",
            description = "The tag",
            content =
                    @Content(
                            schema = @Schema(implementation = TagView.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.TAG)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("{id}")
    public TagView get(@PathParam("id") String id) {
        return store.get(Ids.parse(id));
    }

    @Operation(summary = "Create a tag")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.OBJECT),
                            examples = @ExampleObject(name = "example", value = ApiDocs.TAG_NAME)))
    @APIResponse(
            responseCode = "201",
            description = "Created; Location names it",
            content =
                    @Content(
                            schema = @Schema(implementation = TagView.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.TAG)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @RolesAllowed(Role.ADMIN_NAME)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @GatedWrite
    public Response create(TagName body) {
        TagView created = store.create(body.name());
        return Created.at(uriInfo, created.id(), created);
    }

    @Operation(summary = "Rename a tag")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.OBJECT),
                            examples = @ExampleObject(name = "example", value = ApiDocs.TAG_NAME)))
    @APIResponse(
            responseCode = "200",
            description = "The tag",
            content =
                    @Content(
                            schema = @Schema(implementation = TagView.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.TAG)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @RolesAllowed(Role.ADMIN_NAME)
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @GatedWrite
    public TagView rename(@PathParam("id") String id, TagName body) {
        long tagId = Ids.parse(id);
        return store.rename(tagId, body.name());
    }

    @Operation(summary = "Delete a tag and unassign its images")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed(Role.ADMIN_NAME)
    @DELETE
    @Path("{id}")
    @GatedWrite
    public Response delete(@PathParam("id") String id) {
        long tagId = Ids.parse(id);
        store.delete(tagId);
        return Response.noContent().build();
    }
}
