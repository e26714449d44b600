package dev.diundashboard.observe;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive unless threads are deadlocked: the one state a restart fixes and waiting does not. The database
 * is readiness's business; a database outage must not make an orchestrator restart the app.
 */
@Liveness
@ApplicationScoped
public class AppLiveness implements HealthCheck {

    static final String NAME = "application";

    @Override
    public HealthCheckResponse call() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] deadlocked = threads.findDeadlockedThreads();
        int count = deadlocked == null ? 0 : deadlocked.length;
        return HealthCheckResponse.named(NAME)
                .status(count == 0)
                .withData("deadlockedThreads", count)
                .withData("threads", threads.getThreadCount())
                .build();
    }
}
