package dev.diundashboard.feed;

import dev.diundashboard.api.Paging;
import dev.diundashboard.api.QueryParameters;
import dev.diundashboard.notify.NotifySettings;
import dev.diundashboard.platform.Role;
import dev.diundashboard.storage.DataVersion;
import dev.diundashboard.updates.UpdateFilter;
import dev.diundashboard.updates.UpdateQueries;
import dev.diundashboard.updates.UpdateSort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /feed.atom}: the newest pending updates as an Atom feed, narrowed by the list's filters. With
 * login on, a feed reader that cannot log in presents a feed token in {@code token}, which the login
 * ({@link dev.diundashboard.security.DashboardAuthentication}) accepts as a viewer for this request
 * only; a logged-in browser or an HTTP Basic client needs none. The feed answers {@code ETag} and {@code 304} like the
 * list, so a reader that polls costs one small query while nothing changed.
 */
@RolesAllowed(Role.VIEWER_NAME)
@Path("feed.atom")
@Tag(name = "Feed", description = "Pending updates as an Atom feed")
@RequestScoped
public class FeedResource {

    static final int DEFAULT_ENTRIES = 50;
    static final int MAX_ENTRIES = 200;

    private static final Set<String> PARAMETERS =
            Set.of("state", "host", "tag", "status", "q", "class", "maturity", "stack", "limit", "token");

    private static final CacheControl REVALIDATE = CacheControl.valueOf("private, no-cache");

    @Inject
    UpdateQueries queries;

    @Inject
    NotifySettings settings;

    @Inject
    DataVersion version;

    @Context
    UriInfo uriInfo;

    @Context
    Request request;

    @Operation(summary = "Pending updates as an Atom feed, newest first, narrowed by the list's filters")
    @APIResponse(responseCode = "200", description = "The feed", content = @Content(mediaType = AtomFeed.MEDIA_TYPE))
    @APIResponse(responseCode = "304", ref = "NotModified")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @GET
    @Produces({AtomFeed.MEDIA_TYPE, "application/xml", "text/xml"})
    public Response feed(
            @Parameter(description = "pending (the default), snoozed, ignored, acknowledged or all")
                    @QueryParam("state")
                    String state,
            @QueryParam("host") String host,
            @QueryParam("tag") String tag,
            @QueryParam("status") String status,
            @QueryParam("q") String q,
            @QueryParam("class") String cls,
            @QueryParam("maturity") String maturity,
            @QueryParam("stack") String stack,
            @Parameter(description = "entries, 1 to " + MAX_ENTRIES + " (default " + DEFAULT_ENTRIES + ")")
                    @QueryParam("limit")
                    String limit,
            @Parameter(description = "a feed token (/api/feed-tokens), needed with login on unless logged in")
                    @QueryParam("token")
                    String token) {
        QueryParameters.requireKnown(uriInfo, PARAMETERS);
        UpdateFilter filter = UpdateFilter.of(
                state == null || state.isEmpty() ? "pending" : state, host, tag, status, q, cls, maturity, stack);
        Paging paging = Paging.of(limit, null, DEFAULT_ENTRIES, MAX_ENTRIES);
        long current = version.current();
        EntityTag etag = new EntityTag(Long.toString(current, 36), true);
        Response.ResponseBuilder answer = request.evaluatePreconditions(etag);
        if (answer == null) {
            String base = base();
            String self = withoutToken(base + "/feed.atom").build().toString();
            String page =
                    withoutToken(base + "/").replaceQueryParam("limit").build().toString();
            String title = filter.state().name().charAt(0)
                    + filter.state().name().substring(1).toLowerCase(java.util.Locale.ROOT) + " updates";
            String body = AtomFeed.write(
                    title,
                    self,
                    page,
                    base,
                    queries.list(filter, UpdateSort.LAST_SEEN, paging).items(),
                    Instant.now());
            answer = Response.ok(body, AtomFeed.MEDIA_TYPE + ";charset=UTF-8");
        }
        return answer.tag(etag)
                .cacheControl(REVALIDATE)
                .header(HttpHeaders.VARY, "Cookie, Authorization")
                .build();
    }

    /** The address with this request's query, but not its token. */
    private UriBuilder withoutToken(String address) {
        return UriBuilder.fromUri(address)
                .replaceQuery(uriInfo.getRequestUri().getRawQuery())
                .replaceQueryParam("token");
    }

    /** DASHBOARD_URL, or else the address this request came to. */
    private String base() {
        String configured = settings.dashboardUrl();
        if (configured != null) {
            return configured;
        }
        String here = uriInfo.getBaseUri().toString();
        return here.endsWith("/") ? here.substring(0, here.length() - 1) : here;
    }
}
