package dev.diundashboard.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * Where a request says it came from, and where it went. A reverse proxy's {@code X-Forwarded-Proto}
 * and {@code X-Forwarded-Host} describe the origin the browser used. Honouring them is safe here: a
 * page on another site cannot make a browser send them (a form sets no headers; a script that sets
 * them needs a CORS preflight, which this application never grants), and a client that sends them
 * itself only changes its own view.
 */
final class RequestOrigin {

    private RequestOrigin() {}

    /** Whether the browser reached us over TLS: directly, or through a proxy that says so. */
    static boolean secure(HttpServletRequest request) {
        return request.isSecure() || "https".equalsIgnoreCase(first(request.getHeader("X-Forwarded-Proto")));
    }

    /** This request's own origin as a browser writes it in {@code Origin}: scheme://host[:port]. */
    static String own(HttpServletRequest request) {
        String scheme = first(request.getHeader("X-Forwarded-Proto"));
        if (scheme == null) {
            scheme = request.getScheme();
        }
        String host = first(request.getHeader("X-Forwarded-Host"));
        if (host == null) {
            host = request.getHeader("Host");
        }
        if (host == null) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        return normalize(scheme + "://" + host);
    }

    /** Lower case, without the scheme's default port and without a trailing slash. */
    static String normalize(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        if (o.endsWith("/")) {
            o = o.substring(0, o.length() - 1);
        }
        if (o.startsWith("http://") && o.endsWith(":80")) {
            o = o.substring(0, o.length() - 3);
        } else if (o.startsWith("https://") && o.endsWith(":443")) {
            o = o.substring(0, o.length() - 4);
        }
        return o;
    }

    /** The first value of a header that proxies may have made a list. */
    private static String first(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        String value = (comma < 0 ? header : header.substring(0, comma)).strip();
        return value.isEmpty() ? null : value;
    }
}
