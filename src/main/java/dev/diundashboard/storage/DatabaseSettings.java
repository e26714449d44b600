package dev.diundashboard.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where the data lives, derived from {@code DATABASE_URL}, {@code DB_PATH}, {@code DB_POOL_MAX},
 * {@code DB_POOL_MIN} and {@code DB_STATEMENT_TIMEOUT}. The pool bounds default by backend: 4 / 1 on
 * SQLite, 25 / 5 on PostgreSQL. Never exposes the password through
 * {@link #toString()} or {@link #describe()}.
 */
public final class DatabaseSettings {

    public static final String DEFAULT_DB_PATH = "./data/diun.db";

    /**
     * Connections of the application's own pool on SQLite: one writer at a time (the write gate
     * serializes writes; a batch writer holds one connection of this pool per batch) and three
     * readers. SQLite has one writer per file, so more connections only add memory (each has its own
     * page cache) and lock waits.
     */
    public static final int SQLITE_DEFAULT_POOL_MAX = 4;

    /** Connections kept open on SQLite when idle: one; the others open in milliseconds when needed. */
    public static final int SQLITE_DEFAULT_POOL_MIN = 1;

    /** The pool bounds on PostgreSQL, whose server runs statements of many connections at once. */
    public static final int POSTGRES_DEFAULT_POOL_MAX = 25;

    public static final int POSTGRES_DEFAULT_POOL_MIN = 5;

    /**
     * Seconds a PostgreSQL statement or lock wait may take before the server cancels it (a 503): well
     * inside Diun's 10 s, and long for a dashboard whose statements take milliseconds.
     */
    public static final int DEFAULT_STATEMENT_TIMEOUT_SECONDS = 3;

    /** Seconds to open a PostgreSQL connection (TCP connect, then the whole login). */
    static final int CONNECT_TIMEOUT_SECONDS = 2;

    static final int LOGIN_TIMEOUT_SECONDS = 3;

    /**
     * How long a SQLite statement waits for a file lock taken by another process (a backup, the
     * sqlite3 shell): with the write gate's 5 s, a request gives up within Diun's 10 s. In the URL, not
     * a PRAGMA: sqlite-jdbc restores the URL's value after every statement with a query timeout.
     */
    static final int SQLITE_BUSY_TIMEOUT_MILLIS = 2_000;

    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private final Backend backend;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Path sqliteFile;
    private final String host;
    private final String database;
    private final int poolMin;
    private final int poolMax;
    private int statementTimeoutSeconds = DEFAULT_STATEMENT_TIMEOUT_SECONDS;

    private DatabaseSettings(
            Backend backend,
            String jdbcUrl,
            String user,
            String password,
            Path sqliteFile,
            String host,
            String database,
            int poolMin,
            int poolMax) {
        this.backend = backend;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.sqliteFile = sqliteFile;
        this.host = host;
        this.database = database;
        this.poolMin = poolMin;
        this.poolMax = poolMax;
    }

    /** Reads the settings from the given lookup (system properties first, then the environment). */
    public static DatabaseSettings from(Function<String, String> lookup) {
        String url = blankToNull(lookup.apply("DATABASE_URL"));
        Backend backend = url != null ? Backend.POSTGRESQL : Backend.SQLITE;
        int poolMax = poolSize(lookup, "DB_POOL_MAX", defaultPoolMax(backend));
        // A smaller DB_POOL_MAX lowers the default minimum with it; a DB_POOL_MIN above it is an error.
        int poolMin = poolSize(lookup, "DB_POOL_MIN", Math.min(defaultPoolMin(backend), poolMax));
        if (poolMin > poolMax) {
            throw new InvalidDatabaseConfigurationException(
                    "DB_POOL_MIN (" + poolMin + ") must not exceed DB_POOL_MAX (" + poolMax + ")");
        }
        int statementTimeout =
                wholeNumber(lookup, "DB_STATEMENT_TIMEOUT", DEFAULT_STATEMENT_TIMEOUT_SECONDS, 1, 3600, "seconds");
        DatabaseSettings settings;
        if (url != null) {
            settings = postgres(url, poolMin, poolMax);
        } else {
            String dbPath = blankToNull(lookup.apply("DB_PATH"));
            settings = sqlite(dbPath == null ? DEFAULT_DB_PATH : dbPath, poolMin, poolMax);
        }
        settings.statementTimeoutSeconds = statementTimeout;
        return settings;
    }

    public static DatabaseSettings fromEnvironment() {
        return from(key -> {
            String value = System.getProperty(key);
            return value != null ? value : System.getenv(key);
        });
    }

    static DatabaseSettings sqlite(String dbPath, int poolMin, int poolMax) {
        Path file = Path.of(dbPath).toAbsolutePath().normalize();
        String url = "jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=FULL&busy_timeout="
                + SQLITE_BUSY_TIMEOUT_MILLIS + "&foreign_keys=true";
        return new DatabaseSettings(Backend.SQLITE, url, "", "", file, null, null, poolMin, poolMax);
    }

    static DatabaseSettings postgres(String databaseUrl, int poolMin, int poolMax) {
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
        return new DatabaseSettings(
                Backend.POSTGRESQL,
                jdbc,
                userName == null ? "" : userName,
                secret == null ? "" : secret,
                null,
                hostPart + ":" + port,
                db,
                poolMin,
                poolMax);
    }

    static int defaultPoolMax(Backend backend) {
        return backend == Backend.SQLITE ? SQLITE_DEFAULT_POOL_MAX : POSTGRES_DEFAULT_POOL_MAX;
    }

    static int defaultPoolMin(Backend backend) {
        return backend == Backend.SQLITE ? SQLITE_DEFAULT_POOL_MIN : POSTGRES_DEFAULT_POOL_MIN;
    }

    private static int poolSize(Function<String, String> lookup, String name, int fallback) {
        return wholeNumber(lookup, name, fallback, 1, 1000, "");
    }

    private static int wholeNumber(
            Function<String, String> lookup, String name, int fallback, int min, int max, String unit) {
        String raw = blankToNull(lookup.apply(name));
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                throw new InvalidDatabaseConfigurationException(name + " must be between " + min + " and " + max
                        + (unit.isEmpty() ? "" : " " + unit) + " (got " + value + ")");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidDatabaseConfigurationException(name + " must be a whole number (got '" + raw + "')");
        }
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
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Creates the folder of the SQLite file; nothing to do for PostgreSQL. */
    public void prepare() {
        if (sqliteFile == null || sqliteFile.getParent() == null) {
            return;
        }
        try {
            java.nio.file.Files.createDirectories(sqliteFile.getParent());
        } catch (java.io.IOException e) {
            throw new InvalidDatabaseConfigurationException(
                    "cannot create the folder of DB_PATH " + sqliteFile.getParent() + ": " + e.getMessage());
        }
    }

    public Backend backend() {
        return backend;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The SQLite file, or null on PostgreSQL. */
    public Path sqliteFile() {
        return sqliteFile;
    }

    public int poolMin() {
        return poolMin;
    }

    public int poolMax() {
        return poolMax;
    }

    public int statementTimeoutSeconds() {
        return statementTimeoutSeconds;
    }

    /**
     * The driver properties of the application's own connections. On PostgreSQL: connect and login
     * timeouts, so that a stopped or unreachable server fails within seconds; and, for connections
     * that serve requests ({@code forRequests}), a socket timeout one second past the statement
     * timeout, so that a server that stops answering without closing the connection (dropped packets)
     * fails too. The same names in {@code DATABASE_URL} win: pgjdbc reads the URL last.
     */
    public Properties driverProperties(boolean forRequests) {
        Properties properties = new Properties();
        if (backend == Backend.POSTGRESQL) {
            properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
            properties.setProperty("loginTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
            if (forRequests) {
                properties.setProperty("socketTimeout", String.valueOf(statementTimeoutSeconds + 1));
            }
        }
        return properties;
    }

    /**
     * Run on every pooled connection when it is opened, or null: on PostgreSQL, the server cancels
     * statements and lock waits after {@link #statementTimeoutSeconds()}.
     */
    public String sessionInitSql() {
        if (backend == Backend.SQLITE) {
            return null;
        }
        return "SET statement_timeout = '" + statementTimeoutSeconds + "s'; SET lock_timeout = '"
                + statementTimeoutSeconds + "s'";
    }

    public String driverClassName() {
        return backend == Backend.SQLITE ? "org.sqlite.JDBC" : "org.postgresql.Driver";
    }

    /** A human description for logs and health: the file, or host and database; never the password. */
    public String describe() {
        if (backend == Backend.SQLITE) {
            return "SQLite database at " + sqliteFile;
        }
        return "PostgreSQL database '" + database + "' on " + host + (user.isEmpty() ? "" : " as user '" + user + "'");
    }

    @Override
    public String toString() {
        return describe();
    }
}
