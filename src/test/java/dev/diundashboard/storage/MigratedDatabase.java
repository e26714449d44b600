package dev.diundashboard.storage;

import dev.diundashboard.storage.postgresql.PostgresDialect;
import dev.diundashboard.storage.sqlite.SqliteDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

/**
 * A scratch database per backend with the application's migrations applied, for tests of plain JDBC
 * code against the real schemas: a new SQLite file, and a new schema on the tests' PostgreSQL (when
 * the tests have one; required with CI=true). A parameterized test takes them with
 * {@code @ArgumentsSource(MigratedDatabase.Both.class)}, fresh for each test method, and they are
 * removed when the method's tests end.
 */
public record MigratedDatabase(String name, String url, Dialect dialect, String schema) {

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** Applies the migrations up to {@code target}, or all of them when it is null. */
    public void migrate(String target) {
        var config = Flyway.configure()
                .dataSource(url, null, null)
                .locations(dialect.backend().migrationLocation());
        if (schema != null) {
            config.schemas(schema);
        }
        if (target != null) {
            config.target(target);
        }
        config.load().migrate();
    }

    @Override
    public String toString() {
        return name;
    }

    /** Both backends, each migrated afresh; schemas on PostgreSQL are named {@code <prefix>_<n>}. */
    static List<MigratedDatabase> both(Path folder, String prefix, String target) throws Exception {
        String sqlite =
                "jdbc:sqlite:" + Files.createDirectories(folder).resolve(prefix + "-" + System.nanoTime() + ".db")
                        + "?journal_mode=WAL&busy_timeout=10000&foreign_keys=true";
        List<MigratedDatabase> all =
                new ArrayList<>(List.of(new MigratedDatabase("SQLite", sqlite, new SqliteDialect(), null)));
        String pg = System.getProperty("diun.it.pg.url");
        if (pg == null) {
            Assumptions.assumeFalse("true".equalsIgnoreCase(System.getenv("CI")), "CI=true requires PostgreSQL");
        } else {
            String schema = prefix + "_" + System.nanoTime();
            try (Connection c = DriverManager.getConnection(pg);
                    Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            String url = pg + "&currentSchema=" + schema;
            all.add(new MigratedDatabase("PostgreSQL", url, new PostgresDialect(), schema));
        }
        all.forEach(db -> db.migrate(target));
        return all;
    }

    /** Drops the PostgreSQL schemas that {@link #both} made with this prefix. */
    static void dropSchemas(String prefix) throws SQLException {
        String pg = System.getProperty("diun.it.pg.url");
        if (pg == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(pg);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE '" + prefix + "\\_%'")) {
            List<String> schemas = new ArrayList<>();
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
            for (String schema : schemas) {
                try (Statement drop = c.createStatement()) {
                    drop.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }

    /** Both backends for a parameterized test; the files and schemas go when the test method ends. */
    public static class Both implements ArgumentsProvider {

        /** The last migration to apply; null for all. */
        String target() {
            return null;
        }

        @Override
        public Stream<? extends Arguments> provideArguments(ExtensionContext context) throws Exception {
            String prefix = "scratch_" + System.nanoTime();
            Path folder = Files.createTempDirectory("diun-" + prefix);
            context.getStore(ExtensionContext.Namespace.create(Both.class, prefix))
                    .put(prefix, (AutoCloseable) () -> {
                        dropSchemas(prefix);
                        try (Stream<Path> files = Files.walk(folder)) {
                            for (Path p :
                                    files.sorted(Comparator.reverseOrder()).toList()) {
                                Files.deleteIfExists(p);
                            }
                        }
                    });
            return both(folder, prefix, target()).stream().map(Arguments::of);
        }
    }

    /** Both backends at schema version 2, for upgrade tests: {@link #migrate} takes them further. */
    public static final class BothAtVersion2 extends Both {

        @Override
        String target() {
            return "2";
        }
    }

    /** Both backends at schema version 6, the last before release-notes links and host aliases. */
    public static final class BothAtVersion6 extends Both {

        @Override
        String target() {
            return "6";
        }
    }
}
