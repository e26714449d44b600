package dev.diundashboard.updates;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Counts for home-page widgets: pending, acknowledged, total, hosts, lastReceivedAt. */
@Path("api/summary")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {

    @Inject
    UpdateQueries queries;

    @GET
    public Summary summary() {
        return queries.summary();
    }
}
