package dev.diundashboard.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code MQTT_URL} and {@code MQTT_DISCOVERY_PREFIX}: where to publish, as whom, and under which
 * discovery prefix. {@code mqtt://[user[:password]@]host[:port]} (port 1883) or {@code mqtts://...}
 * (TLS, port 8883, the broker's certificate checked against the JVM's trust store and its host
 * name). A malformed value is refused with one line that names the setting and never shows the
 * password; {@link #toString()} and {@link #shownUrl()} leave the user information out.
 */
public record MqttSettings(boolean tls, String host, int port, String user, String password, String prefix) {

    static final String DEFAULT_PREFIX = "homeassistant";

    static final String FORM = "mqtt://[user[:password]@]host[:port] or mqtts://…";

    /** MQTT topic levels may hold anything but these; a prefix is one or more levels. */
    private static final Pattern PREFIX = Pattern.compile("[^+#/\\p{Cntrl}]+(/[^+#/\\p{Cntrl}]+)*");

    /** The longest prefix accepted: topics stay far below MQTT's 65535-byte limit. */
    static final int MAX_PREFIX_BYTES = 200;

    /**
     * The settings, or empty when {@code MQTT_URL} is unset.
     *
     * @param url {@code MQTT_URL} as given: set but empty or blank is refused, as for every setting that
     *     would otherwise silently mean "off"
     * @throws IllegalArgumentException naming the setting when a value is malformed
     */
    public static Optional<MqttSettings> from(Optional<String> url, Optional<String> prefix) {
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String u = url.get().strip();
        if (u.isEmpty()) {
            throw new IllegalArgumentException("MQTT_URL is set but empty or blank: set a broker URL, or unset it");
        }
        String p = prefix.map(String::strip).filter(s -> !s.isEmpty()).orElse(DEFAULT_PREFIX);
        if (!PREFIX.matcher(p).matches() || p.getBytes(StandardCharsets.UTF_8).length > MAX_PREFIX_BYTES) {
            throw new IllegalArgumentException(
                    "MQTT_DISCOVERY_PREFIX must be an MQTT topic of at most " + MAX_PREFIX_BYTES
                            + " bytes without +, #, control characters or empty levels (as 'homeassistant')");
        }
        return Optional.of(parse(u, p));
    }

    private static MqttSettings parse(String url, String prefix) {
        int colon = url.indexOf("://");
        String scheme = colon < 0 ? "" : url.substring(0, colon);
        boolean tls;
        if (scheme.equals("mqtt")) {
            tls = false;
        } else if (scheme.equals("mqtts")) {
            tls = true;
        } else {
            // The scheme only: anything after it may hold a password.
            throw refused("it must start with mqtt:// or mqtts:// (got '"
                    + (colon < 0 || colon > 10 ? "no scheme" : clean(scheme) + "://") + "')");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused("it is not a valid URL (" + e.getReason() + " at position " + e.getIndex() + ")");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw refused("it names no host (as in mqtt://broker:1883)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.isEmpty() && !path.equals("/") || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw refused("it must be only scheme, user, password, host and port");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw refused("its port must be from 1 to 65535");
        }
        int port = uri.getPort() == -1 ? (tls ? 8883 : 1883) : uri.getPort();
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int split = info.indexOf(':');
            user = decode(split < 0 ? info : info.substring(0, split));
            password = split < 0 ? null : decode(info.substring(split + 1));
            if (user.isEmpty()) {
                throw refused("it has a password but no user name");
            }
        }
        return new MqttSettings(tls, uri.getHost(), port, user, password, prefix);
    }

    private static IllegalArgumentException refused(String why) {
        return new IllegalArgumentException("MQTT_URL must look like " + FORM + ": " + why);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String clean(String s) {
        return s.replaceAll("[^A-Za-z0-9+.-]", "?");
    }

    /** The broker as the client library names it: {@code tcp://host:port} or {@code ssl://host:port}. */
    String serverUri() {
        return (tls ? "ssl://" : "tcp://") + hostPart() + ":" + port;
    }

    /** The URL without user name or password, for the log. */
    public String shownUrl() {
        return (tls ? "mqtts://" : "mqtt://") + hostPart() + ":" + port;
    }

    private String hostPart() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public String toString() {
        return "MqttSettings[" + shownUrl() + (user == null ? "" : " as a user") + ", prefix " + prefix + "]";
    }
}
