package dev.diundashboard.notify;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.InputRules;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where and how a channel sends, per type, checked when it is written. Secrets (tokens, passwords,
 * the webhook addresses of Discord and Slack, the header values of a generic webhook) are never shown
 * again: {@link #masked()} replaces them with {@link #MASK}, and a change that sends the mask back,
 * or leaves the field out, keeps the stored secret ({@link #merged}).
 */
public sealed interface ChannelConfig {

    String MASK = "********";

    ChannelType type();

    /** The config as the API shows it: secrets masked. */
    JsonObject masked();

    /** The config as stored: everything. */
    JsonObject stored();

    /** ntfy: a server, a topic, an optional access token. */
    record Ntfy(String url, String topic, String token) implements ChannelConfig {
        public ChannelType type() {
            return ChannelType.NTFY;
        }

        public JsonObject masked() {
            return json("url", url, "topic", topic, "token", mask(token));
        }

        public JsonObject stored() {
            return json("url", url, "topic", topic, "token", token);
        }
    }

    /** Gotify: a server and an application token. */
    record Gotify(String url, String token) implements ChannelConfig {
        public ChannelType type() {
            return ChannelType.GOTIFY;
        }

        public JsonObject masked() {
            return json("url", url, "token", mask(token));
        }

        public JsonObject stored() {
            return json("url", url, "token", token);
        }
    }

    /** A Discord incoming webhook; its address is the secret. */
    record Discord(String url) implements ChannelConfig {
        public ChannelType type() {
            return ChannelType.DISCORD;
        }

        public JsonObject masked() {
            return json("url", maskUrl(url));
        }

        public JsonObject stored() {
            return json("url", url);
        }
    }

    /** A Slack incoming webhook; its address is the secret. */
    record Slack(String url) implements ChannelConfig {
        public ChannelType type() {
            return ChannelType.SLACK;
        }

        public JsonObject masked() {
            return json("url", maskUrl(url));
        }

        public JsonObject stored() {
            return json("url", url);
        }
    }

    /** Email over SMTP with the platform's Jakarta Mail. */
    record Email(String host, int port, String security, String user, String password, String from, String to)
            implements ChannelConfig {
        public ChannelType type() {
            return ChannelType.EMAIL;
        }

        public JsonObject masked() {
            return email(mask(password));
        }

        public JsonObject stored() {
            return email(password);
        }

        private JsonObject email(String secret) {
            JsonObjectBuilder b = Json.createObjectBuilder()
                    .add("host", host)
                    .add("port", port)
                    .add("security", security);
            put(b, "user", user);
            put(b, "password", secret);
            return b.add("from", from).add("to", to).build();
        }
    }

    /** Any HTTP endpoint: our JSON body, the method and headers the operator chose. */
    record Webhook(String url, String method, Map<String, String> headers) implements ChannelConfig {
        public Webhook {
            headers = Map.copyOf(headers);
        }

        public ChannelType type() {
            return ChannelType.WEBHOOK;
        }

        public JsonObject masked() {
            JsonObjectBuilder h = Json.createObjectBuilder();
            headers.keySet().stream().sorted().forEach(name -> h.add(name, MASK));
            return Json.createObjectBuilder()
                    .add("url", url)
                    .add("method", method)
                    .add("headers", h)
                    .build();
        }

        public JsonObject stored() {
            JsonObjectBuilder h = Json.createObjectBuilder();
            headers.keySet().stream().sorted().forEach(name -> h.add(name, headers.get(name)));
            return Json.createObjectBuilder()
                    .add("url", url)
                    .add("method", method)
                    .add("headers", h)
                    .build();
        }
    }

    /**
     * The config a write asks for: {@code body} as sent, fields it leaves out or sends as {@link #MASK}
     * taken from {@code stored} (null for a new channel). A 400 says what is wrong.
     */
    static ChannelConfig merged(ChannelType type, JsonObject body, JsonObject stored) {
        Fields f = new Fields(type, body == null ? JsonValue.EMPTY_JSON_OBJECT : body, stored);
        return switch (type) {
            case NTFY -> {
                f.only("url", "topic", "token");
                yield new Ntfy(f.httpUrl("url"), f.required("topic", 64), f.optional("token", 1000));
            }
            case GOTIFY -> {
                f.only("url", "token");
                yield new Gotify(f.httpUrl("url"), f.required("token", 1000));
            }
            case DISCORD -> {
                f.only("url");
                yield new Discord(f.httpUrl("url"));
            }
            case SLACK -> {
                f.only("url");
                yield new Slack(f.httpUrl("url"));
            }
            case EMAIL -> {
                f.only("host", "port", "security", "user", "password", "from", "to");
                String security = f.required("security", 16).toLowerCase(Locale.ROOT);
                if (!Set.of("starttls", "tls", "none").contains(security)) {
                    throw ApiException.badRequest("'config.security' must be starttls, tls or none");
                }
                yield new Email(
                        f.required("host", 255),
                        f.port("port"),
                        security,
                        f.optional("user", 255),
                        f.optional("password", 1000),
                        f.address("from"),
                        f.address("to"));
            }
            case WEBHOOK -> {
                f.only("url", "method", "headers");
                String method = f.optional("method", 8);
                method = method == null ? "POST" : method.toUpperCase(Locale.ROOT);
                if (!Set.of("POST", "PUT", "PATCH").contains(method)) {
                    throw ApiException.badRequest("'config.method' must be POST, PUT or PATCH");
                }
                yield new Webhook(f.httpUrl("url"), method, f.headers("headers"));
            }
        };
    }

    private static String mask(String secret) {
        return secret == null ? null : MASK;
    }

    /** Scheme and host of a secret address, so that one can tell Discord from Slack. */
    private static String maskUrl(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/" + MASK;
    }

    private static JsonObject json(String... namesAndValues) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            put(b, namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    private static void put(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }

    /** Reads a config body's fields, falling back to the stored config for absent and masked ones. */
    final class Fields {
        private final ChannelType type;
        private final JsonObject body;
        private final JsonObject stored;

        private Fields(ChannelType type, JsonObject body, JsonObject stored) {
            this.type = type;
            this.body = body;
            this.stored = stored;
        }

        void only(String... names) {
            Set<String> known = Set.of(names);
            for (String name : body.keySet()) {
                if (!known.contains(name)) {
                    throw ApiException.badRequest("'config." + name + "' is not a setting of a " + type.label()
                            + " channel; expected " + String.join(", ", names));
                }
            }
        }

        /** The value to use: the body's, else (absent, null or the mask) the stored one. */
        private JsonValue value(String name) {
            JsonValue v = body.get(name);
            // Absent, or sent back as the API showed it: unchanged. An explicit null clears the field.
            boolean keep =
                    v == null || v instanceof JsonString s && s.getString().contains(MASK);
            if (keep && stored != null && stored.get(name) != null) {
                return stored.get(name);
            }
            return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v;
        }

        String optional(String name, int maxCharacters) {
            JsonValue v = value(name);
            if (v == null) {
                return null;
            }
            if (!(v instanceof JsonString s)) {
                throw ApiException.badRequest("'config." + name + "' must be text");
            }
            String text = s.getString().strip();
            if (text.isEmpty()) {
                return null;
            }
            if (text.length() > maxCharacters) {
                throw ApiException.badRequest("'config." + name + "' must be at most " + maxCharacters + " characters");
            }
            return InputRules.line("config." + name, text, maxCharacters * 4);
        }

        String required(String name, int maxCharacters) {
            String text = optional(name, maxCharacters);
            if (text == null) {
                throw ApiException.badRequest("a " + type.label() + " channel needs 'config." + name + "'");
            }
            return text;
        }

        String httpUrl(String name) {
            String url = required(name, 2000);
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw ApiException.badRequest("'config." + name + "' must be a URL: " + e.getReason());
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw ApiException.badRequest("'config." + name + "' must be an http:// or https:// URL with a host");
            }
            return url;
        }

        int port(String name) {
            JsonValue v = value(name);
            if (v == null) {
                throw ApiException.badRequest("a " + type.label() + " channel needs 'config." + name + "'");
            }
            if (!(v instanceof jakarta.json.JsonNumber n)
                    || !n.isIntegral()
                    || n.longValue() < 1
                    || n.longValue() > 65535) {
                throw ApiException.badRequest("'config." + name + "' must be a port number from 1 to 65535");
            }
            return n.intValue();
        }

        String address(String name) {
            String address = required(name, 320);
            try {
                jakarta.mail.internet.InternetAddress[] parsed =
                        jakarta.mail.internet.InternetAddress.parse(address, true);
                if (parsed.length == 0) {
                    throw new jakarta.mail.internet.AddressException("no address");
                }
            } catch (jakarta.mail.internet.AddressException e) {
                throw ApiException.badRequest("'config." + name + "' must be email addresses, comma-separated");
            }
            return address;
        }

        /** Header names as HTTP allows them; values one line; a masked value keeps the stored one. */
        Map<String, String> headers(String name) {
            JsonValue v = body.get(name);
            JsonObject storedHeaders = stored == null ? null : stored.getJsonObject(name);
            if (v == null) {
                v = storedHeaders == null ? JsonValue.EMPTY_JSON_OBJECT : storedHeaders;
            }
            if (!(v instanceof JsonObject object)) {
                throw ApiException.badRequest("'config." + name + "' must be an object of header names and values");
            }
            if (object.size() > 20) {
                throw ApiException.badRequest("'config." + name + "' may hold at most 20 headers");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> e : object.entrySet()) {
                String header = e.getKey();
                if (!header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}")
                        || Set.of("host", "content-length", "connection", "transfer-encoding")
                                .contains(header.toLowerCase(Locale.ROOT))) {
                    throw ApiException.badRequest(
                            "'config." + name + "': '" + header + "' is not a header one may set");
                }
                if (!(e.getValue() instanceof JsonString s)) {
                    throw ApiException.badRequest("'config." + name + "." + header + "' must be text");
                }
                String value = s.getString();
                if (value.equals(MASK) && storedHeaders != null && storedHeaders.containsKey(header)) {
                    value = storedHeaders.getString(header);
                }
                headers.put(header, InputRules.line("config." + name + "." + header, value, 4000));
            }
            return headers;
        }
    }
}
