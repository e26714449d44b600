package dev.diundashboard.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/** Unpooled connections for Flyway, opened on demand; see {@link DataSourceChoice#migrationDataSource}. */
final class MigrationDataSource extends DataSourcePlumbing {

    interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;

    MigrationDataSource(Opener opener) {
        this.opener = opener;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return opener.open();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the migration connections use the configured credentials");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
