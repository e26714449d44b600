package dev.diundashboard.storage.postgresql;

import dev.diundashboard.storage.InvalidDatabaseConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the application connects to PostgreSQL: {@code DATABASE_URL} in any of its three spellings
 * turned into a JDBC URL and credentials, the driver's timeouts and the session's statement timeout.
 * Never keeps the password in anything it prints.
 */
public record PostgresConnectionSettings(String jdbcUrl, String user, String password, String host, String database) {

    public static final String DRIVER = "org.postgresql.Driver";

    /** Seconds to open a connection (TCP connect, then the whole login). */
    static final int CONNECT_TIMEOUT_SECONDS = 2;

    static final int LOGIN_TIMEOUT_SECONDS = 3;

    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    /** Parses {@code postgres://}, {@code postgresql://} or {@code jdbc:postgresql://} URLs. */
    public static PostgresConnectionSettings parse(String databaseUrl) {
        String rest;
        if (databaseUrl.startsWith("postgres://")) {
            rest = databaseUrl.substring("postgres://".length());
        } else if (databaseUrl.startsWith("postgresql://")) {
            rest = databaseUrl.substring("postgresql://".length());
        } else if (databaseUrl.startsWith("jdbc:postgresql://")) {
            rest = databaseUrl.substring("jdbc:postgresql://".length());
        } else {
            throw new InvalidDatabaseConfigurationException(
                    "DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql:// (got '"
                            + schemeOf(databaseUrl) + "')");
        }
        URI uri;
        try {
            uri = new URI("postgresql://" + rest);
        } catch (URISyntaxException e) {
            throw new InvalidDatabaseConfigurationException(
                    "DATABASE_URL is not a valid URL (" + e.getReason() + " at position " + e.getIndex() + ")");
        }
        String hostName = uri.getHost();
        if (hostName == null || hostName.isEmpty()) {
            throw new InvalidDatabaseConfigurationException("DATABASE_URL names no host");
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String db = decode(path.startsWith("/") ? path.substring(1) : path);
        if (db.isEmpty() || db.contains("/")) {
            throw new InvalidDatabaseConfigurationException("DATABASE_URL must name one database, as in /dbname");
        }

        String userName = null;
        String secret = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            userName = decode(colon < 0 ? info : info.substring(0, colon));
            secret = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        Map<String, String> params = query(uri.getRawQuery());
        if (params.containsKey("user")) {
            userName = params.remove("user");
        }
        if (params.containsKey("password")) {
            secret = params.remove("password");
        }
        String sslMode = params.get("sslmode");
        if (sslMode != null && !SSL_MODES.contains(sslMode)) {
            throw new InvalidDatabaseConfigurationException(
                    "DATABASE_URL has sslmode '" + sslMode + "'; use one of " + String.join(", ", SSL_MODES));
        }
        params.putIfAbsent("ApplicationName", "diun-dashboard");
        String hostPart = hostName.contains(":") && !hostName.startsWith("[") ? "[" + hostName + "]" : hostName;
        String query = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String jdbc = "jdbc:postgresql://" + hostPart + ":" + port + "/" + encode(db) + "?" + query;
        return new PostgresConnectionSettings(
                jdbc, userName == null ? "" : userName, secret == null ? "" : secret, hostPart + ":" + port, db);
    }

    /**
     * Connect and login timeouts, so that a stopped or unreachable server fails within seconds; and,
     * for connections that serve requests, a socket timeout one second past the statement timeout, so
     * that a server that stops answering without closing the connection (dropped packets) fails too.
     * The same names in {@code DATABASE_URL} win: pgjdbc reads the URL last.
     */
    public static Properties driverProperties(int statementTimeoutSeconds, boolean forRequests) {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
        if (forRequests) {
            properties.setProperty("socketTimeout", String.valueOf(statementTimeoutSeconds + 1));
        }
        return properties;
    }

    /** The server cancels statements and lock waits of a pooled connection after this many seconds. */
    public static String sessionInitSql(int statementTimeoutSeconds) {
        return "SET statement_timeout = '" + statementTimeoutSeconds + "s'; SET lock_timeout = '"
                + statementTimeoutSeconds + "s'";
    }

    /** Host, database and user; never the password. */
    public String describe() {
        return "PostgreSQL database '" + database + "' on " + host + (user.isEmpty() ? "" : " as user '" + user + "'");
    }

    @Override
    public String toString() {
        return describe();
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.put(key, value);
        }
        return params;
    }

    private static String schemeOf(String url) {
        int colon = url.indexOf(':');
        return colon < 0 ? "no scheme" : url.substring(0, Math.min(colon, 20));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
