package dev.diundashboard.security;

import dev.diundashboard.platform.Role;
import jakarta.annotation.security.PermitAll;
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

/**
 * {@code GET /api/session}: who is signed in, with which role and login mode: {@code {"user", "role":
 * "viewer|operator|admin", "mode": "password|realm|oidc|none", "loginRequired"}}. With login off
 * every caller is an admin and the user is null. The page hides what the role may not do.
 */
@PermitAll
@Path("api/session")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    DashboardCredentials credentials;

    @GET
    public JsonObject session(@Context SecurityContext security) {
        boolean login = credentials.loginRequired();
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (login && security.getUserPrincipal() != null) {
            b.add("user", security.getUserPrincipal().getName());
        } else {
            b.addNull("user");
        }
        Role role = login ? RoleGuard.of(security).orElse(null) : Role.ADMIN;
        if (role != null) {
            b.add("role", role.roleName());
        } else {
            b.addNull("role");
        }
        return b.add("mode", credentials.mode().label())
                .add("loginRequired", login)
                .build();
    }
}
