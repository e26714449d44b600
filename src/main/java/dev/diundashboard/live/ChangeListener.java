package dev.diundashboard.live;

import dev.diundashboard.storage.Backoff;
import dev.diundashboard.storage.DedicatedConnections;
import dev.diundashboard.storage.Dialect;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where several instances share the database (PostgreSQL), listens on {@value ChangeRelay#CHANNEL} over a connection of its own and passes the
 * changes made by other instances to this instance's {@link StreamResource}. When the connection is
 * lost it reconnects with backoff (1 s doubling to 30 s), and after reconnecting sends a "resync"
 * event, because changes made meanwhile were not heard: open pages then reload.
 */
@ApplicationScoped
public class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class.getName());
    /** How the listening session shows in pg_stat_activity. */
    static final String APPLICATION_NAME = "diun-dashboard listener";

    private static final int POLL_MILLIS = 5_000;
    private static final long CHECK_NANOS = 30_000_000_000L;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    Dialect dialect;

    @Inject
    DedicatedConnections dedicated;

    @Inject
    ChangeRelay relay;

    @Inject
    StreamResource stream;

    private volatile boolean running;
    private volatile boolean listening;
    private volatile Thread thread;
    private volatile Connection connection;

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        running = true;
        Thread t = threads.newThread(this::run);
        t.setName("diun-change-listener");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** True while a LISTEN is in place (always false where the database is not shared by instances). */
    public boolean listening() {
        return listening;
    }

    @PreDestroy
    void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        ChangeRelay.closeQuietly(connection);
    }

    private void run() {
        if (!awaitSharedDatabase()) {
            return;
        }
        Backoff backoff = new Backoff();
        boolean lost = false;
        while (running) {
            try (Connection c = dedicated.open()) {
                connection = c;
                c.setClientInfo("ApplicationName", APPLICATION_NAME);
                dialect.listen(c, ChangeRelay.CHANNEL);
                listening = true;
                if (lost) {
                    LOG.info("Listening for other instances' changes again");
                    stream.broadcast(Change.resync());
                    lost = false;
                }
                backoff.reset();
                listen(c);
            } catch (SQLFeatureNotSupportedException e) {
                // jdbc/diun with a driver this application cannot see: live events stay local.
                LOG.warning("Open pages will not hear of other instances' changes: " + e.getMessage());
                return;
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    return;
                }
                if (!lost) {
                    LOG.warning("Lost the connection that hears other instances' changes (" + e.getMessage()
                            + "); reconnecting with backoff");
                }
                lost = true;
                if (!sleep(backoff.nextMillis())) {
                    return;
                }
            } finally {
                connection = null;
            }
        }
    }

    private void listen(Connection c) throws SQLException {
        long lastCheck = System.nanoTime();
        while (running) {
            for (String message : dialect.awaitAnnouncements(c, POLL_MILLIS)) {
                ChangeRelay.fromOthers(relay.instance(), message)
                        .ifPresent(changes -> changes.forEach(stream::broadcast));
            }
            // A connection cut without a reset (a dead proxy, a dropped route) shows only when used.
            if (System.nanoTime() - lastCheck > CHECK_NANOS) {
                if (!c.isValid(5)) {
                    throw new SQLException("the listening connection stopped answering");
                }
                lastCheck = System.nanoTime();
            }
        }
    }

    /** Waits until the database answers; false when it is not shared by instances, or on stop. */
    private boolean awaitSharedDatabase() {
        Backoff backoff = new Backoff();
        while (running) {
            try {
                return dialect.sharedByInstances();
            } catch (RuntimeException notYet) {
                LOG.log(Level.FINE, "backend not known yet", notYet);
                if (!sleep(backoff.nextMillis())) {
                    return false;
                }
            }
        }
        return false;
    }

    private boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
