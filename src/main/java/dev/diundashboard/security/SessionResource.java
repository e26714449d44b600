package dev.diundashboard.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code GET /api/session}: whether login is on and who is logged in, for the page's header. */
@Path("api/session")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    DashboardCredentials credentials;

    @GET
    public JsonObject session(@Context SecurityContext security) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("loginRequired", credentials.loginRequired());
        if (security.getUserPrincipal() != null) {
            b.add("user", security.getUserPrincipal().getName());
        } else {
            b.addNull("user");
        }
        return b.build();
    }
}
