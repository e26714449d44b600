package dev.diundashboard.storage;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The class of the application data source {@code java:app/jdbc/diun}. The container wraps it and
 * enlists its connections in JTA; it hands out connections from wherever {@link DataSourceChoice}
 * says, so the persistence units and Flyway never need to know which.
 */
public class AppDataSource extends DataSourcePlumbing {

    private static DataSource target() {
        return DataSourceChoice.current().dataSource();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return StartupWait.firstConnection(() -> target().getConnection());
    }

    /**
     * GlassFish asks with the data source definition's (empty) user; the connections' credentials
     * belong to the pool behind, so an empty user means "the pool's".
     */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        if (username == null || username.isEmpty()) {
            return getConnection();
        }
        return StartupWait.firstConnection(() -> target().getConnection(username, password));
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return target().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target().isWrapperFor(iface);
    }
}
