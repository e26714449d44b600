package dev.diundashboard.observe;

import dev.diundashboard.storage.Statements;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Times each call of a {@link Statements} store and reports those over {@code SLOW_QUERY_MS} (default
 * 500) to {@link SlowQueryLog}, named {@code Store.method}, and to {@link SlowQueryCounters}.
 */
@Statements
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class SlowQueryInterceptor {

    @Inject
    @ConfigProperty(name = "SLOW_QUERY_MS", defaultValue = "500")
    long thresholdMillis;

    @Inject
    SlowQueryCounters counters;

    private volatile SlowQueryLog log;

    /** Made on first use: an interceptor's own {@code @PostConstruct} would intercept the target's. */
    private SlowQueryLog log() {
        SlowQueryLog l = log;
        if (l != null) {
            return l;
        }
        l = new SlowQueryLog(thresholdMillis, counters::count);
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
