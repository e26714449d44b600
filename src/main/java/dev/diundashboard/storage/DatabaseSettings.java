package dev.diundashboard.storage;

import dev.diundashboard.storage.postgresql.PostgresConnectionSettings;
import dev.diundashboard.storage.sqlite.SqliteConnectionSettings;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Function;

/**
 * Where the data lives, derived from {@code DATABASE_URL}, {@code DB_PATH}, {@code DB_POOL_MAX},
 * {@code DB_POOL_MIN} and {@code DB_STATEMENT_TIMEOUT}. The pool bounds default by backend: 4 / 1 on
 * SQLite, 25 / 5 on PostgreSQL. What each backend makes of them lives in its folder ({@code
 * sqlite.SqliteConnectionSettings}, {@code postgresql.PostgresConnectionSettings}). Never exposes the
 * password through {@link #toString()} or {@link #describe()}.
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

    private final Backend backend;
    private final String jdbcUrl;
    private final Path sqliteFile;
    private final PostgresConnectionSettings postgres;
    private final int poolMin;
    private final int poolMax;
    private int statementTimeoutSeconds = DEFAULT_STATEMENT_TIMEOUT_SECONDS;

    private DatabaseSettings(
            Backend backend,
            String jdbcUrl,
            Path sqliteFile,
            PostgresConnectionSettings postgres,
            int poolMin,
            int poolMax) {
        this.backend = backend;
        this.jdbcUrl = jdbcUrl;
        this.sqliteFile = sqliteFile;
        this.postgres = postgres;
        this.poolMin = poolMin;
        this.poolMax = poolMax;
    }

    /**
     * Reads the settings through a lookup: MicroProfile Config in the application, the command line in
     * the copy tool, a map in tests. A blank value counts as unset.
     */
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

    static DatabaseSettings sqlite(String dbPath, int poolMin, int poolMax) {
        Path file = Path.of(dbPath).toAbsolutePath().normalize();
        return new DatabaseSettings(
                Backend.SQLITE, SqliteConnectionSettings.jdbcUrl(file), file, null, poolMin, poolMax);
    }

    static DatabaseSettings postgres(String databaseUrl, int poolMin, int poolMax) {
        PostgresConnectionSettings parsed = PostgresConnectionSettings.parse(databaseUrl);
        return new DatabaseSettings(Backend.POSTGRESQL, parsed.jdbcUrl(), null, parsed, poolMin, poolMax);
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
        return postgres == null ? "" : postgres.user();
    }

    public String password() {
        return postgres == null ? "" : postgres.password();
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
     * The driver properties of the application's own connections; {@code forRequests} for pooled
     * connections that serve requests (PostgreSQL adds a socket timeout past the statement timeout).
     */
    public Properties driverProperties(boolean forRequests) {
        return postgres == null
                ? new Properties()
                : PostgresConnectionSettings.driverProperties(statementTimeoutSeconds, forRequests);
    }

    /** Run on every pooled connection when it is opened, or null. */
    public String sessionInitSql() {
        return postgres == null ? null : PostgresConnectionSettings.sessionInitSql(statementTimeoutSeconds);
    }

    public String driverClassName() {
        return backend == Backend.SQLITE ? SqliteConnectionSettings.DRIVER : PostgresConnectionSettings.DRIVER;
    }

    /** A human description for logs and health: the file, or host and database; never the password. */
    public String describe() {
        return postgres == null ? "SQLite database at " + sqliteFile : postgres.describe();
    }

    @Override
    public String toString() {
        return describe();
    }
}
