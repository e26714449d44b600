package dev.diundashboard.storage;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * While the schema upgrade is refused, every request is a 503 (with Retry-After): nothing reads or
 * writes a database whose schema the code does not match. ErrorMapper makes the 503 and adds the
 * Retry-After.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class SchemaRefusalFilter implements ContainerRequestFilter {

    @Inject
    SchemaStatus status;

    @Override
    public void filter(ContainerRequestContext request) {
        if (status.refusal() != null) {
            throw new DatabaseUnavailableException(
                    "the database schema was not upgraded (see /health/ready and the log); nothing was stored");
        }
    }
}
