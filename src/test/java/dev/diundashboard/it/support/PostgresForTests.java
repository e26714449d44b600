package dev.diundashboard.it.support;

import dev.diundashboard.storage.Backend;
import dev.diundashboard.storage.DatabaseSettings;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Finds the PostgreSQL the integration tests run against, once per test run, before Arquillian reads
 * its configuration: the server named by {@code TEST_DATABASE_URL} (a fresh database is created on it
 * and dropped afterwards), else a Testcontainers PostgreSQL when Docker is available, else none. The
 * result is the system property {@code diun.it.pg.url}, read by arquillian.xml.
 */
public class PostgresForTests implements LauncherSessionListener {

    public static final String URL_PROPERTY = "diun.it.pg.url";

    /** A second, separate database for the browser tests, which need to start empty. */
    public static final String UI_URL_PROPERTY = "diun.it.pg.ui.url";

    /** A database for the contract's login deployment (token and cross-site tests). */
    public static final String LOGIN_URL_PROPERTY = "diun.it.pg.login.url";

    /** A third database for the crash and outage tests, which start their own servers. */
    public static final String RESILIENCE_URL_PROPERTY = "diun.it.pg.resilience.url";
    // Each URL is also published escaped for arquillian.xml (property + ".xml"), because Arquillian
    // substitutes properties before it parses the XML.

    public static final String REASON_PROPERTY = "diun.it.pg.missing";
    private static final Logger LOG = Logger.getLogger(PostgresForTests.class.getName());

    private final java.util.List<String> createdDatabases = new java.util.ArrayList<>();
    private String adminJdbcUrl;
    private Properties adminCredentials;
    private AutoCloseable container;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        cleanWorkFolder();
        if (System.getProperty(URL_PROPERTY) != null) {
            return;
        }
        String given = System.getenv("TEST_DATABASE_URL");
        try {
            if (given != null && !given.isBlank()) {
                useServer(given);
            } else if (dockerAvailable()) {
                startContainer();
            } else {
                System.setProperty(
                        REASON_PROPERTY, "no PostgreSQL for the tests: set TEST_DATABASE_URL or make Docker available");
            }
        } catch (Exception e) {
            System.setProperty(REASON_PROPERTY, "PostgreSQL for the tests failed: " + e.getMessage());
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        for (String database : createdDatabases) {
            try (Connection c = DriverManager.getConnection(adminJdbcUrl, adminCredentials);
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (SQLException e) {
                LOG.warning("could not drop test database " + database + ": " + e.getMessage());
            }
        }
        if (container != null) {
            try {
                container.close();
            } catch (Exception e) {
                LOG.warning("could not stop the PostgreSQL container: " + e.getMessage());
            }
        }
    }

    private void useServer(String databaseUrl) throws SQLException {
        DatabaseSettings settings = DatabaseSettings.from(key -> "DATABASE_URL".equals(key) ? databaseUrl : null);
        if (settings.backend() != Backend.POSTGRESQL) {
            throw new IllegalStateException("TEST_DATABASE_URL is not a PostgreSQL URL");
        }
        adminJdbcUrl = settings.jdbcUrl();
        adminCredentials = new Properties();
        adminCredentials.setProperty("user", settings.user());
        adminCredentials.setProperty("password", settings.password());
        String base = "diun_it_" + Long.toString(System.currentTimeMillis(), 36) + "_"
                + ProcessHandle.current().pid();
        try {
            publish(URL_PROPERTY, createDatabase(base, settings));
            publish(UI_URL_PROPERTY, createDatabase(base + "_ui", settings));
            publish(RESILIENCE_URL_PROPERTY, createDatabase(base + "_res", settings));
            publish(LOGIN_URL_PROPERTY, createDatabase(base + "_login", settings));
        } catch (SQLException e) {
            // No CREATEDB privilege: use the given database as it is, for both.
            LOG.warning("cannot create a test database (" + e.getMessage() + "); using TEST_DATABASE_URL as is");
            publish(URL_PROPERTY, withCredentials(adminJdbcUrl, settings));
            publish(UI_URL_PROPERTY, withCredentials(adminJdbcUrl, settings));
            publish(RESILIENCE_URL_PROPERTY, withCredentials(adminJdbcUrl, settings));
            publish(LOGIN_URL_PROPERTY, withCredentials(adminJdbcUrl, settings));
        }
    }

    private String createDatabase(String name, DatabaseSettings settings) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminJdbcUrl, adminCredentials);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            createdDatabases.add(name);
        }
        String url = adminJdbcUrl.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        return withCredentials(url, settings);
    }

    private static void publish(String property, String url) {
        System.setProperty(property, url);
        System.setProperty(
                property + ".xml",
                url.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;"));
    }

    private static String withCredentials(String jdbcUrl, DatabaseSettings settings) {
        StringBuilder url = new StringBuilder(jdbcUrl);
        url.append(jdbcUrl.contains("?") ? "&" : "?");
        url.append("user=").append(URLEncoder.encode(settings.user(), StandardCharsets.UTF_8));
        if (!settings.password().isEmpty()) {
            url.append("&password=").append(URLEncoder.encode(settings.password(), StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    private static boolean dockerAvailable() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    private void startContainer() {
        var postgres = new org.testcontainers.containers.PostgreSQLContainer<>("postgres:16-alpine");
        postgres.start();
        container = postgres;
        String credentials = "user=" + postgres.getUsername() + "&password=" + postgres.getPassword();
        String url = postgres.getJdbcUrl() + (postgres.getJdbcUrl().contains("?") ? "&" : "?") + credentials;
        publish(URL_PROPERTY, url);
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE diun_ui");
            s.execute("CREATE DATABASE diun_resilience");
            s.execute("CREATE DATABASE diun_login");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the browser-test database in the container", e);
        }
        String ui = url.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1diun_ui");
        publish(UI_URL_PROPERTY, ui);
        publish(RESILIENCE_URL_PROPERTY, url.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1diun_resilience"));
        publish(LOGIN_URL_PROPERTY, url.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1diun_login"));
    }

    private static void cleanWorkFolder() {
        // Failsafe may set its system properties only after the session opened: fall back to the default.
        Path folder = Path.of(System.getProperty("diun.it.work", "target/it"));
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warning("could not clean " + folder + ": " + e.getMessage());
        }
    }
}
