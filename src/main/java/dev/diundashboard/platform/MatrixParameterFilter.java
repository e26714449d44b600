package dev.diundashboard.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.ext.Provider;

/**
 * The API has no matrix parameters. Without this, {@code /api/updates/1;anything} would silently
 * address update 1; instead such a path names no resource.
 */
@Provider
@PreMatching
public class MatrixParameterFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        for (PathSegment segment : request.getUriInfo().getPathSegments(false)) {
            if (!segment.getMatrixParameters().isEmpty()) {
                request.abortWith(ErrorMapper.respond(404, "not found", "no such resource"));
                return;
            }
        }
    }
}
