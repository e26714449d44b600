package dev.diundashboard.storage;

import com.zaxxer.hikari.HikariPoolMXBean;
import dev.diundashboard.storage.postgresql.PostgresDialect;
import dev.diundashboard.storage.sqlite.SqliteDialect;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads the active backend from the application data source's connection (so it is right for the
 * server's {@code jdbc/diun} as for DATABASE_URL / DB_PATH) and produces its {@link EntityManager} and
 * its {@link Dialect}, and hands out the connections of the {@link DataSourceChoice} to whoever injects
 * them ({@link DirectConnections}, {@link DedicatedConnections}). Both persistence units point at the one application data source; only the
 * active one is ever used.
 */
@ApplicationScoped
public class DatabaseBinding {

    public static final String DATA_SOURCE = "java:app/jdbc/diun";

    @PersistenceContext(unitName = "diun-sqlite")
    EntityManager sqlite;

    @PersistenceContext(unitName = "diun-postgresql")
    EntityManager postgresql;

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    private volatile Connected connected;

    /** The backend and product version, as the database itself reports them. */
    public record Connected(Backend backend, String product) {}

    public Backend backend() {
        return connected().backend();
    }

    /** Connects once to learn the backend; later calls answer from memory. */
    public Connected connected() {
        Connected c = connected;
        if (c == null) {
            c = inspect(dataSource);
            connected = c;
        }
        return c;
    }

    private static Connected inspect(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String product = meta.getDatabaseProductName();
            return new Connected(Backend.ofProductName(product), product + " " + meta.getDatabaseProductVersion());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the database: " + e.getMessage(), e);
        }
    }

    @Produces
    EntityManager entityManager() {
        return backend() == Backend.SQLITE ? sqlite : postgresql;
    }

    @Produces
    DirectConnections directConnections() {
        return () -> DataSourceChoice.current().connection();
    }

    @Produces
    DedicatedConnections dedicatedConnections() {
        return () -> DataSourceChoice.current().dedicatedConnection();
    }

    /**
     * Where the connections come from. Inject it as {@code Instance<DataSourceChoice>} and get it after
     * the first connection: the choice is made then, by {@link AppDataSource} on the server's behalf.
     */
    @Produces
    DataSourceChoice dataSourceChoice() {
        return DataSourceChoice.current();
    }

    /** HikariCP's statistics of the application's own pool; empty before the choice or with jdbc/diun. */
    public Optional<HikariPoolMXBean> ownPoolStatistics() {
        return DataSourceChoice.ownPoolStatistics();
    }

    @Produces
    @ApplicationScoped
    Dialect dialect() {
        return backend() == Backend.SQLITE ? new SqliteDialect() : new PostgresDialect();
    }
}
