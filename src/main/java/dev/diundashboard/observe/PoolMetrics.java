package dev.diundashboard.observe;

import com.zaxxer.hikari.HikariPoolMXBean;
import dev.diundashboard.storage.DatabaseBinding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.function.ToIntFunction;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The connection pool as gauges, read from HikariCP's pool MXBean when the app runs its own pool. With
 * the server's {@code jdbc/diun} the server pools and monitors the connections, and these read 0.
 */
@ApplicationScoped
public class PoolMetrics {

    @Inject
    Instance<MetricRegistry> registries;

    @Inject
    DatabaseBinding binding;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!registries.isResolvable()) {
            return; // no MicroProfile Metrics on this server (GlassFish)
        }
        gauge("diun.db.pool.active", "Connections in use", HikariPoolMXBean::getActiveConnections);
        gauge("diun.db.pool.idle", "Connections idle in the pool", HikariPoolMXBean::getIdleConnections);
        gauge(
                "diun.db.pool.waiting",
                "Threads waiting for a connection",
                HikariPoolMXBean::getThreadsAwaitingConnection);
        // Not "total": Prometheus reserves the _total suffix for counters (promtool faults a gauge with it).
        gauge("diun.db.pool.connections", "Connections open", HikariPoolMXBean::getTotalConnections);
    }

    private void gauge(String name, String description, ToIntFunction<HikariPoolMXBean> value) {
        registries
                .get()
                .gauge(
                        Metadata.builder()
                                .withName(name)
                                .withDescription(description)
                                .build(),
                        () -> binding.ownPoolStatistics().map(value::applyAsInt).orElse(0));
    }
}
