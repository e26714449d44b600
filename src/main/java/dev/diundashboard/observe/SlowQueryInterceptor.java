package dev.diundashboard.observe;

import dev.diundashboard.storage.Statements;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Times each call of a {@link Statements} store and reports those over {@code SLOW_QUERY_MS} (default
 * 500) to {@link SlowQueryLog}, named {@code Store.method}, and as the counter {@value #SLOW_QUERIES}.
 */
@Statements
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class SlowQueryInterceptor {

    static final String SLOW_QUERIES = "diun.slow.queries";

    @Inject
    @ConfigProperty(name = "SLOW_QUERY_MS", defaultValue = "500")
    long thresholdMillis;

    @Inject
    Instance<MetricRegistry> registries;

    private volatile SlowQueryLog log;

    /** Made on first use: an interceptor's own {@code @PostConstruct} would intercept the target's. */
    private SlowQueryLog log() {
        SlowQueryLog l = log;
        if (l != null) {
            return l;
        }
        Metadata metadata = Metadata.builder()
                .withName(SLOW_QUERIES)
                .withDescription("Statements slower than SLOW_QUERY_MS, by store method")
                .build();
        l = new SlowQueryLog(thresholdMillis, statement -> {
            if (registries.isResolvable()) {
                registries
                        .get()
                        .counter(metadata, new Tag("statement", statement))
                        .inc();
            }
        });
        log = l;
        return l;
    }

    @AroundInvoke
    public Object time(InvocationContext call) throws Exception {
        long start = System.nanoTime();
        try {
            return call.proceed();
        } finally {
            log().observe(
                            call.getMethod().getDeclaringClass().getSimpleName() + "."
                                    + call.getMethod().getName(),
                            System.nanoTime() - start);
        }
    }
}
