package dev.diundashboard.security;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The login form's fields, read with a limit. The authentication mechanism runs before any servlet
 * filter or JAX-RS reader, so the body limit every endpoint has is applied here, by reading at most
 * {@link #LIMIT} bytes ourselves instead of letting the container parse a form of any size.
 */
final class LoginForm {

    static final int LIMIT = 1 << 20;

    record Fields(String username, String password) {}

    /** The body is over {@link #LIMIT}. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private LoginForm() {}

    static Fields read(HttpServletRequest request) throws IOException, TooLarge {
        if (request.getContentLengthLong() > LIMIT) {
            throw new TooLarge();
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return new Fields(null, null);
        }
        byte[] body = request.getInputStream().readNBytes(LIMIT + 1);
        if (body.length > LIMIT) {
            throw new TooLarge();
        }
        String username = null;
        String password = null;
        try {
            for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (name.equals("username") && username == null) {
                    username = value;
                } else if (name.equals("password") && password == null) {
                    password = value;
                }
            }
        } catch (IllegalArgumentException malformed) {
            return new Fields(null, null);
        }
        return new Fields(username, password);
    }
}
