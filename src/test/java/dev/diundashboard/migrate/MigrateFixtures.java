package dev.diundashboard.migrate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Databases for the copy tool's tests: migrated SQLite files, and PostgreSQL databases of their own. */
final class MigrateFixtures {

    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private MigrateFixtures() {}

    /** Runs the command in this JVM, as {@code java -jar target/diun-migrate.jar} would. */
    static Result migrate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MigrateCommand.run(
                new PrintWriter(out), new PrintWriter(err), new PrintStream(new ByteArrayOutputStream()), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** A SQLite file at the latest schema, as the app creates it. */
    static Path sqlite(Path file) {
        Flyway.configure()
                .dataSource("jdbc:sqlite:" + file, null, null)
                .locations("classpath:db/migration/sqlite")
                .load()
                .migrate();
        return file;
    }

    static Connection openSqlite(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file + "?foreign_keys=true");
    }

    /** The server the integration tests run against (set by it/PostgresForTests). */
    static String serverUrl() {
        String url = System.getProperty("diun.it.pg.url");
        if (url == null) {
            throw new IllegalStateException("no diun.it.pg.url");
        }
        return url;
    }

    /** A new, empty PostgreSQL database on the test server; a jdbc:postgresql URL with credentials. */
    static String createPostgresDatabase() throws SQLException {
        String name = "diun_mig_"
                + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36)
                        .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(serverUrl());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return serverUrl().replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
    }

    /**
     * A PostgreSQL database of the test's own, created before each test and dropped after it:
     * {@code @RegisterExtension final ScratchPostgres postgres = new ScratchPostgres();}.
     */
    static final class ScratchPostgres implements BeforeEachCallback, AfterEachCallback {

        private String url;

        @Override
        public void beforeEach(ExtensionContext context) throws SQLException {
            url = createPostgresDatabase();
        }

        @Override
        public void afterEach(ExtensionContext context) throws SQLException {
            dropPostgresDatabase(url);
            url = null;
        }

        /** The JDBC URL of the test's database. */
        String url() {
            return url;
        }
    }

    static void dropPostgresDatabase(String url) throws SQLException {
        if (url == null) {
            return;
        }
        String name = url.replaceFirst("jdbc:postgresql://[^/]+/([^?]*).*", "$1");
        try (Connection c = DriverManager.getConnection(serverUrl());
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** Inserts {@code updates} updates with {@code eventsPerUpdate} events each, ids from 1. */
    static void fill(Connection c, int updates, int eventsPerUpdate) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + updates + ")"
                    + " INSERT INTO updates (id, hostname, image, status, first_seen, last_seen, metadata)"
                    + " SELECT i, 'host-' || (i % 7), 'image-' || i, 'new', '2024-01-01T00:00:00.000001Z',"
                    + " '2024-01-02T00:00:00.000002Z', json_object('n', i) FROM n");
            s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                    + (updates * eventsPerUpdate) + ")"
                    + " INSERT INTO events (id, update_id, received_at, status, digest, payload)"
                    + " SELECT i, 1 + (i - 1) / " + eventsPerUpdate + ", '2024-03-01T00:00:00.123456Z', 'update',"
                    + " 'sha256:' || i, json_object('image', 'image-' || i, 'created',"
                    + " '2024-02-03T10:22:15.123456789+01:00', 'n', i) FROM n");
        }
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
