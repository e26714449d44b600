package dev.diundashboard.api;

import dev.diundashboard.platform.ApiException;

/** {@code limit} (default 100, at most 1000) and {@code offset} (default 0). */
public record Paging(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static Paging of(String limit, String offset) {
        return of(limit, offset, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /** With a default and a maximum of its own, for lists of large items. */
    public static Paging of(String limit, String offset, int defaultLimit, int maxLimit) {
        int l = parse("limit", limit, defaultLimit);
        int o = parse("offset", offset, 0);
        if (l < 1 || l > maxLimit) {
            throw ApiException.badRequest("limit must be between 1 and " + maxLimit);
        }
        if (o < 0) {
            throw ApiException.badRequest("offset must not be negative");
        }
        return new Paging(l, o);
    }

    private static int parse(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number");
        }
    }
}
