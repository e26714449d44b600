package dev.diundashboard.storage;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * Turns off EclipseLink's retry of a read that failed on a communication error. By default it sleeps
 * 5 s and tries again, three times: with PostgreSQL stopped, a webhook took 19-22 s to get its 503
 * (twice Diun's 10 s timeout) while the pool had given up after its connection timeout. The client
 * retries (Retry-After), and the pool replaces broken connections on its own.
 */
public class NoQueryRetry implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setQueryRetryAttemptCount(0);
        }
    }
}
