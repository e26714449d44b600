package dev.diundashboard.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.diundashboard.storage.sqlite.SqliteConnectionEviction;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Hashtable;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where the connections come from, by the precedence docs/deployment.md documents: the server's {@code jdbc/diun}
 * when an administrator defined one, else a HikariCP pool built from {@code DATABASE_URL} or
 * {@code DB_PATH}. Decided once per deployment.
 *
 * <p>The server's pool is used through its non-transactional variant (GlassFish and Payara hand it
 * out for a lookup with the JNDI environment property {@value #SUFFIX_PROPERTY} = {@value
 * #NON_TRANSACTIONAL_SUFFIX}): {@link AppDataSource} sits inside the application's own JTA data
 * source, whose wrapper is what the transaction enlists. Taking enlisted connections from
 * {@code jdbc/diun} itself would put two local resources into one transaction.
 */
public final class DataSourceChoice {

    public static final String SERVER_DATA_SOURCE = "jdbc/diun";
    static final String SUFFIX_PROPERTY = "com.sun.enterprise.connectors.jndisuffix";
    static final String NON_TRANSACTIONAL_SUFFIX = "__nontx";

    static final long CONNECTION_TIMEOUT_MILLIS = 2_000;
    static final long VALIDATION_TIMEOUT_MILLIS = 1_000;

    private static final Logger LOG = Logger.getLogger(DataSourceChoice.class.getName());
    private static DataSourceChoice current;

    /** Looks a name up in JNDI, optionally as its non-transactional variant; null when nothing is bound. */
    @FunctionalInterface
    interface Lookup {
        Object find(String name, boolean nonTransactional);
    }

    private final DataSource dataSource;
    private final String source;
    private final HikariDataSource ownPool;
    private final DatabaseSettings ownSettings;

    private DataSourceChoice(
            DataSource dataSource, String source, HikariDataSource ownPool, DatabaseSettings ownSettings) {
        this.dataSource = dataSource;
        this.source = source;
        this.ownPool = ownPool;
        this.ownSettings = ownSettings;
    }

    /**
     * The choice of this deployment, made on first use. Only {@link AppDataSource}, which the container
     * instantiates by name, and {@link DatabaseBinding}'s producers read it here; everything else has it
     * (or the connections it hands out) injected.
     */
    static synchronized DataSourceChoice current() {
        if (current == null) {
            Function<String, String> settings = settings();
            current = choose(
                    DataSourceChoice::jndi, () -> DatabaseSettings.from(settings), settings.apply("DATABASE_URL"));
        }
        return current;
    }

    /**
     * The settings as MicroProfile Config reads them (system properties, then environment variables),
     * for the application's class loader: the first connection may be asked for on a server thread
     * whose context class loader is the server's. GlassFish creates the data source where no
     * MicroProfile Config implementation can be found at all; there the same two sources are read in
     * the same order.
     */
    static Function<String, String> settings() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        ClassLoader application = DataSourceChoice.class.getClassLoader();
        thread.setContextClassLoader(application);
        try {
            Config config = ConfigProvider.getConfig(application);
            return name -> config.getOptionalValue(name, String.class).orElse(null);
        } catch (IllegalStateException | ServiceConfigurationError | LinkageError noConfig) {
            LOG.fine(() -> "no MicroProfile Config here (" + noConfig + "); reading system properties, then"
                    + " environment variables");
            return name -> {
                String value = System.getProperty(name);
                return value != null ? value : System.getenv(name);
            };
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Closes the application's own pool, if it made one, and forgets the choice (on undeploy). */
    public void close() {
        synchronized (DataSourceChoice.class) {
            if (ownPool != null) {
                ownPool.close();
            }
            if (current == this) {
                current = null;
            }
        }
    }

    /** HikariCP's statistics of the application's own pool; empty before the choice or with jdbc/diun. */
    static synchronized Optional<HikariPoolMXBean> ownPoolStatistics() {
        if (current == null || current.ownPool == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(current.ownPool.getHikariPoolMXBean());
    }

    static DataSourceChoice choose(Lookup lookup, Supplier<DatabaseSettings> settings, String databaseUrl) {
        if (lookup.find(SERVER_DATA_SOURCE, false) != null) {
            Object nonTransactional = lookup.find(SERVER_DATA_SOURCE, true);
            if (!(nonTransactional instanceof DataSource server)) {
                throw new InvalidDatabaseConfigurationException("the server defines " + SERVER_DATA_SOURCE
                        + " but no non-transactional variant of it; use a GlassFish or Payara JDBC resource");
            }
            if (databaseUrl != null && !databaseUrl.isBlank()) {
                LOG.warning("DATABASE_URL is set but ignored: the server's DataSource " + SERVER_DATA_SOURCE
                        + " takes precedence");
            }
            return new DataSourceChoice(server, "the server's DataSource " + SERVER_DATA_SOURCE, null, null);
        }
        DatabaseSettings own = settings.get();
        own.prepare();
        HikariDataSource pool = new HikariDataSource(poolConfig(own));
        return new DataSourceChoice(pool, own.describe(), pool, own);
    }

    private static HikariConfig poolConfig(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("diun");
        config.setDriverClassName(settings.driverClassName());
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolMax());
        config.setMinimumIdle(settings.poolMin());
        // Fail fast when the database is down: a request waits at most this long for a connection
        // (checking an idle one included), then answers 503, within 3 s and well inside Diun's 10 s.
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(VALIDATION_TIMEOUT_MILLIS);
        config.setConnectionInitSql(settings.sessionInitSql());
        settings.driverProperties(true).forEach((k, v) -> config.addDataSourceProperty((String) k, v));
        config.setRegisterMbeans(true);
        // Connect on first use, as the container-built pool did: a database that is down at deploy
        // time is reported by the first query, and retried, instead of failing the deployment here.
        config.setInitializationFailTimeout(-1);
        if (settings.backend() == Backend.SQLITE) {
            config.setExceptionOverrideClassName(SqliteConnectionEviction.class.getName());
        }
        return config;
    }

    /**
     * Looks a name up with the server's JDBC connector class loader as context class loader. The server
     * creates the pool behind {@code jdbc/diun} on the first lookup after a restart, and Payara loads the
     * pool's SQL trace listener through the context class loader, which the application's cannot see.
     */
    private static Object jndi(String name, boolean nonTransactional) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(serverJdbcClassLoader(previous));
        try {
            Hashtable<String, String> environment = new Hashtable<>();
            if (nonTransactional) {
                environment.put(SUFFIX_PROPERTY, NON_TRANSACTIONAL_SUFFIX);
            }
            return new InitialContext(environment).lookup(name);
        } catch (NameNotFoundException e) {
            return null;
        } catch (NamingException e) {
            if (e.getRootCause() instanceof NameNotFoundException) {
                return null;
            }
            throw new InvalidDatabaseConfigurationException(
                    "the server's " + name + " exists but cannot be used: " + e.getMessage());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * The class loader of the server's JDBC connector, found on the call stack: the choice is made on
     * the first connection, which the connector requests from {@link AppDataSource}.
     */
    private static ClassLoader serverJdbcClassLoader(ClassLoader fallback) {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(type -> type.getName().startsWith("com.sun.gjc."))
                        .map(Class::getClassLoader)
                        .filter(Objects::nonNull)
                        .findFirst())
                .orElse(fallback);
    }

    /** Where the connections come from: the server's DataSource, or the file / host and database. */
    public String source() {
        return source;
    }

    public boolean fromServer() {
        return ownPool == null;
    }

    /**
     * A connection outside any pool and any transaction, for a long-lived session such as a LISTEN:
     * opened directly from the settings, or with jdbc/diun, borrowed from the server's
     * non-transactional pool. It has the connect and socket timeouts of the pool (pgjdbc lifts the
     * socket timeout while it waits for notifications) but no statement timeout. The caller closes it.
     */
    public Connection dedicatedConnection() throws SQLException {
        return dedicatedConnection(true);
    }

    /**
     * Where Flyway migrates: the application's data source, except on its own PostgreSQL pool, whose
     * statement and socket timeouts would cut a long migration (an index over a large table) short;
     * there, connections of their own with connect timeouts only.
     */
    public DataSource migrationDataSource(DataSource applicationDataSource) {
        if (ownSettings == null || ownSettings.backend() != Backend.POSTGRESQL) {
            return applicationDataSource;
        }
        return new MigrationDataSource(() -> dedicatedConnection(false));
    }

    private Connection dedicatedConnection(boolean forRequests) throws SQLException {
        if (ownSettings == null) {
            return dataSource.getConnection();
        }
        Driver driver;
        try {
            driver = (Driver) Class.forName(ownSettings.driverClassName())
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException e) {
            throw new SQLException("no JDBC driver " + ownSettings.driverClassName(), e);
        }
        Properties properties = ownSettings.driverProperties(forRequests);
        if (ownSettings.user() != null) {
            properties.setProperty("user", ownSettings.user());
        }
        if (ownSettings.password() != null) {
            properties.setProperty("password", ownSettings.password());
        }
        return driver.connect(ownSettings.jdbcUrl(), properties);
    }

    DataSource dataSource() {
        return dataSource;
    }

    /**
     * A pooled connection outside any JTA transaction, for code that manages its own transactions
     * (the ingest writer): from the application's pool, or jdbc/diun's non-transactional variant.
     * The caller closes it; its auto-commit mode is restored by the pool.
     */
    public Connection connection() throws SQLException {
        return StartupWait.firstConnection(dataSource::getConnection);
    }
}
