package dev.diundashboard.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * A site's address as a setting gives it ({@code DASHBOARD_URL}, {@code OIDC_ISSUER}): http or https,
 * a host, and neither user, query nor fragment.
 */
public final class SiteAddress {

    private SiteAddress() {}

    /** The address, stripped and without a trailing slash; empty when the value is not one. */
    public static Optional<String> parse(String value) {
        String v = value.strip();
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        return Optional.of(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
    }
}
