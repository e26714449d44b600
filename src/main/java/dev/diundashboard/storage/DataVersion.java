package dev.diundashboard.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The data version of migration V2: a number that every committed write to updates, events, tags
 * and tag assignments moves, on every instance sharing the database. It is transactional: a reader
 * that sees the number also sees the writes that moved it. Read it before the data it validates,
 * so that a write committed in between can only make the data newer than the number, never older.
 */
@ApplicationScoped
public class DataVersion {

    static final String CURRENT = "SELECT sum(changes) FROM data_version";

    @Inject
    DirectConnections connections;

    /** For CDI. */
    DataVersion() {}

    public DataVersion(DirectConnections connections) {
        this.connections = connections;
    }

    public long current() {
        try (Connection c = connections.open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(CURRENT)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StorageException("could not read the data version", e);
        }
    }
}
