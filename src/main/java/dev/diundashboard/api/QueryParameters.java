package dev.diundashboard.api;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.InputRules;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses query parameters an endpoint does not know, so that a typo never silently widens a query,
 * and values that are not one line of storable text ({@link InputRules}).
 */
public final class QueryParameters {

    private QueryParameters() {}

    public static void requireKnown(UriInfo uriInfo, Set<String> known) {
        for (Map.Entry<String, List<String>> parameter :
                uriInfo.getQueryParameters().entrySet()) {
            String name = parameter.getKey();
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown query parameter '" + printable(name) + "'; known: "
                        + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known))));
            }
            for (String value : parameter.getValue()) {
                InputRules.line(name, value, InputRules.PARAMETER_BYTES);
            }
        }
    }

    private static String printable(String s) {
        String safe = s.replaceAll("[^A-Za-z0-9._-]", "?");
        return safe.length() > 40 ? safe.substring(0, 40) + "..." : safe;
    }
}
