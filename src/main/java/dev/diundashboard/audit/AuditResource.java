package dev.diundashboard.audit;

import dev.diundashboard.api.ListPage;
import dev.diundashboard.api.Paging;
import dev.diundashboard.api.QueryParameters;
import dev.diundashboard.platform.ApiDocs;
import dev.diundashboard.platform.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/audit}: the audit log, newest first, paged like the update list. */
@RolesAllowed(Role.VIEWER_NAME)
@Path("api/audit")
@Tag(name = "Audit", description = "Who did what, newest first")
@Stateless
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    EntityManager em;

    @Operation(summary = "The audit log, paged like the update list")
    @APIResponse(
            responseCode = "200",
            description = "A page of entries and the total",
            content =
                    @Content(
                            schema = @Schema(implementation = ListPage.class),
                            examples = @ExampleObject(name = "example", value = ApiDocs.AUDIT)))
    @GET
    public ListPage<AuditView> list(
            @QueryParam("limit") String limit, @QueryParam("offset") String offset, @Context UriInfo uriInfo) {
        QueryParameters.requireKnown(uriInfo, Set.of("limit", "offset"));
        Paging paging = Paging.of(limit, offset);
        var items = em.createNamedQuery(AuditEntry.NEWEST_FIRST, AuditEntry.class)
                .setFirstResult(paging.offset())
                .setMaxResults(paging.limit())
                .getResultStream()
                .map(AuditView::of)
                .toList();
        long total = em.createNamedQuery(AuditEntry.COUNT, Long.class).getSingleResult();
        return new ListPage<>(items, total);
    }
}
