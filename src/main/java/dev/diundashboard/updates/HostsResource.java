package dev.diundashboard.updates;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/hosts}: every host with its total and pending counts, for the host filter. */
@Path("api/hosts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HostsResource {

    @Inject
    UpdateQueries queries;

    @GET
    public List<HostView> hosts() {
        return queries.hosts();
    }
}
