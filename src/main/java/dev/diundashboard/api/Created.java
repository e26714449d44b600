package dev.diundashboard.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The answer to a POST that created something: {@code 201}, its address in Location, and it. */
public final class Created {

    private Created() {}

    public static Response at(UriInfo uriInfo, long id, Object entity) {
        return Response.created(uriInfo.getAbsolutePathBuilder()
                        .path(String.valueOf(id))
                        .build())
                .entity(entity)
                .build();
    }
}
