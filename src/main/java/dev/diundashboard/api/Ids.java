package dev.diundashboard.api;

import dev.diundashboard.platform.ApiException;

/** Path ids: positive whole numbers, or 404 (a malformed id names no resource). */
public final class Ids {

    private Ids() {}

    public static long parse(String id) {
        try {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw ApiException.notFound("no resource with id '" + abbreviate(id) + "'");
    }

    private static String abbreviate(String id) {
        String safe = id == null ? "" : id.replaceAll("[^A-Za-z0-9._-]", "?");
        return safe.length() > 40 ? safe.substring(0, 40) + "..." : safe;
    }
}
