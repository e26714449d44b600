package dev.diundashboard.updates;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Addresses of the page that messages and the feed link to. */
public final class PageLinks {

    private PageLinks() {}

    /** The page at {@code base} (no trailing slash), filtered to the one update of that host and image. */
    public static String update(String base, String hostname, String image) {
        return base + "/?state=all&host=" + encode(hostname) + "&q=" + encode(image);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
