package dev.diundashboard.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * A database that cannot be reached while the application starts is waited for, with backoff
 * (1 s doubling to 30 s) and one clear log line per attempt, instead of failing the deployment. The
 * server stays up and reports not-ready (/health/ready) until the database answers; then the
 * deployment completes. After the first connection, failures surface at once (503 to clients).
 */
final class StartupWait {

    interface ConnectionSource {
        Connection get() throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(StartupWait.class.getName());
    private static volatile boolean connectedOnce;

    private StartupWait() {}

    static Connection firstConnection(ConnectionSource source) throws SQLException {
        if (connectedOnce) {
            return source.get();
        }
        Backoff backoff = new Backoff();
        for (int attempt = 1; ; attempt++) {
            try {
                Connection connection = source.get();
                if (attempt > 1) {
                    LOG.info("The database answered after " + attempt + " attempts; starting");
                }
                connectedOnce = true;
                return connection;
            } catch (SQLException e) {
                long delay = backoff.nextMillis();
                LOG.warning("The database is not reachable yet (" + describe(e) + "); attempt " + attempt + ", next in "
                        + delay / 1000 + " s. DiunDashboard starts once it answers.");
                sleep(delay);
            }
        }
    }

    private static String describe(SQLException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }

    private static void sleep(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the database", "08001", e);
        }
    }
}
