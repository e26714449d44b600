package dev.diundashboard.observe;

import dev.diundashboard.storage.Statements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The counter {@value #SLOW_QUERIES}, one series per store method ({@code Store.method}). The methods
 * of every bean bound to {@link Statements} are known once the application is deployed, so each
 * series is registered at zero then: an alert on the rate has a series to read before the first slow
 * statement. A method found only later (none should be) gets its series on its first slow call.
 */
@ApplicationScoped
public class SlowQueryCounters {

    static final String SLOW_QUERIES = "diun.slow.queries";

    private static final Metadata METADATA = Metadata.builder()
            .withName(SLOW_QUERIES)
            .withDescription("Statements slower than SLOW_QUERY_MS, by store method")
            .build();

    /** Unresolvable on servers without MicroProfile Metrics (GlassFish): then nothing is counted. */
    @Inject
    Instance<MetricRegistry> registries;

    @Inject
    BeanManager beans;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!registries.isResolvable()) {
            return;
        }
        MetricRegistry registry = registries.get();
        Collection<Class<?>> stores = beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .<Class<?>>map(Bean::getBeanClass)
                .filter(c -> c.isAnnotationPresent(Statements.class) && !c.isAnnotationPresent(Interceptor.class))
                .distinct()
                .toList();
        statements(stores).forEach(statement -> registry.counter(METADATA, new Tag("statement", statement)));
    }

    /** Counts one slow call of the statement. */
    void count(String statement) {
        if (registries.isResolvable()) {
            registries.get().counter(METADATA, new Tag("statement", statement)).inc();
        }
    }

    /**
     * {@code Store.method} for each method the stores offer their callers, as {@link
     * SlowQueryInterceptor} names a call: the interceptor sees every method that is neither private
     * nor static, and overloads share a name.
     */
    static SortedSet<String> statements(Collection<Class<?>> stores) {
        SortedSet<String> names = new TreeSet<>();
        for (Class<?> store : stores) {
            Arrays.stream(store.getDeclaredMethods())
                    .filter(m -> !Modifier.isPrivate(m.getModifiers())
                            && !Modifier.isStatic(m.getModifiers())
                            && !m.isSynthetic()
                            && !m.isBridge())
                    .map(Method::getName)
                    .forEach(method -> names.add(store.getSimpleName() + "." + method));
        }
        return names;
    }
}
