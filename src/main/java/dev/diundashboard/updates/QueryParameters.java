package dev.diundashboard.updates;

import dev.diundashboard.platform.ApiException;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import java.util.TreeSet;

/** Refuses query parameters an endpoint does not know, so that a typo never silently widens a query. */
public final class QueryParameters {

    private QueryParameters() {}

    public static void requireKnown(UriInfo uriInfo, Set<String> known) {
        for (String name : uriInfo.getQueryParameters().keySet()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown query parameter '" + printable(name) + "'; known: "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    private static String printable(String s) {
        String safe = s.replaceAll("[^A-Za-z0-9._-]", "?");
        return safe.length() > 40 ? safe.substring(0, 40) + "..." : safe;
    }
}
