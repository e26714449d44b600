package dev.diundashboard.security;

import dev.diundashboard.platform.ApiError;
import dev.diundashboard.platform.Role;
import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Enforces {@code @RolesAllowed} on every resource method, portably (a JAX-RS feature, not a
 * server's extension): the method's annotation, else its class's, names the least {@link Role} it
 * needs, and a caller whose highest role is below it gets {@code 403}. {@code @PermitAll} marks what
 * is open to anyone who got past the login (the webhook, the login page, the page itself). A resource
 * method with neither fails the deployment, so no endpoint is ever unguarded by omission ({@code
 * RoleGuardTest} checks the same at build time). With login off every caller is an admin.
 */
@Provider
public class RoleGuard implements DynamicFeature {

    private static final String APPLICATION = "dev.diundashboard.";

    @Inject
    DashboardCredentials credentials;

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (!resource.getResourceClass().getName().startsWith(APPLICATION)) {
            return; // the JAX-RS implementation's own resources (WADL), behind the login like the rest
        }
        Optional<Role> needed = needed(resource.getResourceMethod(), resource.getResourceClass());
        needed.ifPresent(role -> context.register(new Check(role, credentials)));
    }

    /**
     * The least role the method needs, or empty for {@code @PermitAll}.
     *
     * @throws IllegalStateException when the method says neither
     */
    static Optional<Role> needed(Method method, Class<?> resourceClass) {
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        boolean permitAll = method.isAnnotationPresent(PermitAll.class);
        if (roles == null && !permitAll) {
            roles = resourceClass.getAnnotation(RolesAllowed.class);
            permitAll = resourceClass.isAnnotationPresent(PermitAll.class);
        }
        if (roles != null) {
            return Optional.of(Arrays.stream(roles.value())
                    .map(name -> Role.named(name)
                            .orElseThrow(() -> new IllegalStateException(
                                    "@RolesAllowed names no role of the dashboard: " + name + " on " + method)))
                    .min(Enum::compareTo)
                    .orElseThrow(() -> new IllegalStateException("@RolesAllowed names no role on " + method)));
        }
        if (permitAll) {
            return Optional.empty();
        }
        throw new IllegalStateException("no @RolesAllowed or @PermitAll on " + resourceClass.getName() + "."
                + method.getName() + ": every resource method must say who may call it");
    }

    /** The caller's highest role, or empty for a caller with none of the dashboard's roles. */
    public static Optional<Role> of(SecurityContext security) {
        return security.getUserPrincipal() == null ? Optional.empty() : Role.highest(security::isUserInRole);
    }

    @Priority(Priorities.AUTHORIZATION)
    static final class Check implements ContainerRequestFilter {

        private final Role needed;
        private final DashboardCredentials credentials;

        Check(Role needed, DashboardCredentials credentials) {
            this.needed = needed;
            this.credentials = credentials;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (!credentials.loginRequired()) {
                return;
            }
            SecurityContext security = request.getSecurityContext();
            Optional<Role> role = of(security);
            if (role.isPresent() && role.get().includes(needed)) {
                return;
            }
            String who = security.getUserPrincipal() == null
                    ? "this caller"
                    : "'" + LoginSettings.printable(security.getUserPrincipal().getName(), 100) + "'";
            request.abortWith(Response.status(Response.Status.FORBIDDEN)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError(
                            "forbidden",
                            who + " is " + role.map(Role::roleName).orElse("without a role") + "; this needs "
                                    + needed.roleName()))
                    .build());
        }
    }
}
