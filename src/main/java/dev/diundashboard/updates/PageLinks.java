package dev.diundashboard.updates;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Addresses of the page that messages and the feed link to, and the links they may pass on. */
public final class PageLinks {

    private PageLinks() {}

    /** The page at {@code base} (no trailing slash), filtered to the one update of that host and image. */
    public static String update(String base, String hostname, String image) {
        return base + "/?state=all&host=" + encode(hostname) + "&q=" + encode(image);
    }

    /**
     * The link when it is an {@code http(s)} address, else null: what Diun sends as a registry page is
     * passed on to readers and messages only then (never {@code javascript:} or the like).
     */
    public static String httpOnly(String link) {
        return link != null && (link.startsWith("https://") || link.startsWith("http://")) ? link : null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
