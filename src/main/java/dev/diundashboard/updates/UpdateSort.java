package dev.diundashboard.updates;

import dev.diundashboard.platform.ApiException;

/** List order: lastSeen (newest first, the default), image, or hostname. Ties break on id. */
public enum UpdateSort {
    LAST_SEEN,
    IMAGE,
    HOSTNAME;

    public static UpdateSort of(String value) {
        if (value == null || value.isBlank() || value.equals("lastSeen")) {
            return LAST_SEEN;
        }
        if (value.equals("image")) {
            return IMAGE;
        }
        if (value.equals("hostname")) {
            return HOSTNAME;
        }
        throw ApiException.badRequest("sort must be lastSeen, image or hostname");
    }
}
