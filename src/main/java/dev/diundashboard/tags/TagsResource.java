package dev.diundashboard.tags;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.JsonBody;
import dev.diundashboard.storage.WriteGate;
import dev.diundashboard.updates.Ids;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
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

/** Tags: list with counts, create (201 + Location), rename, delete. */
@Path("api/tags")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TagsResource {

    @Inject
    TagsStore store;

    @Inject
    WriteGate writes;

    @Context
    UriInfo uriInfo;

    @GET
    public List<TagView> list() {
        return store.list();
    }

    @GET
    @Path("{id}")
    public TagView get(@PathParam("id") String id) {
        return store.get(Ids.parse(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(byte[] body) {
        String name = name(body);
        TagView created = writes.run(() -> store.create(name));
        return Response.created(uriInfo.getAbsolutePathBuilder()
                        .path(String.valueOf(created.id()))
                        .build())
                .entity(created)
                .build();
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public TagView rename(@PathParam("id") String id, byte[] body) {
        long tagId = Ids.parse(id);
        String name = name(body);
        return writes.run(() -> store.rename(tagId, name));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        long tagId = Ids.parse(id);
        writes.run(() -> store.delete(tagId));
        return Response.noContent().build();
    }

    private static String name(byte[] body) {
        JsonObject json = JsonBody.object(body);
        if (!(json.get("name") instanceof JsonString name)) {
            throw ApiException.badRequest("expected {\"name\": \"...\"}");
        }
        return name.getString();
    }
}
