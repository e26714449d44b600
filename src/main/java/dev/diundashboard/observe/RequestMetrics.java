package dev.diundashboard.observe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counts webhooks accepted and rejected (by reason) and records ingest and list-API latency as
 * histograms in microseconds (Payara's exporter prints a timer's quantiles in nanoseconds but its
 * sum in seconds; a unit-less histogram stays consistent). Taken from the response each request
 * finally got, so refusals by the token filter or the error mapper count too. Every series, each
 * reason of {@link #REASONS} included, exists from startup at zero, so that a rate has something to
 * read before the first webhook.
 */
@Provider
@PreMatching
@ApplicationScoped
public class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {

    static final String ACCEPTED = "diun.webhooks.accepted";
    static final String REJECTED = "diun.webhooks.rejected";
    static final String INGEST = "diun.ingest.micros";
    static final String LIST = "diun.list.micros";
    private static final String STARTED = RequestMetrics.class.getName() + ".started";

    /** The reasons {@link #reason} names; another status gets {@code status_NNN} on first use. */
    static final List<String> REASONS =
            List.of("malformed", "unauthorized", "method", "too_large", "media_type", "unavailable", "error");

    /** Unresolvable on servers without MicroProfile Metrics (GlassFish): then nothing is recorded. */
    @Inject
    Instance<MetricRegistry> registries;

    /** Registers every series at startup; the filter may be made later, on the first request. */
    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        Metrics m = metrics();
        if (m != null) {
            REASONS.forEach(m::rejected);
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Long started)) {
            return;
        }
        Metrics m = metrics();
        if (m == null) {
            return;
        }
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
        String path = trimSlashes(request.getUriInfo().getPath());
        int status = response.getStatus();
        if (path.equals("webhook")) {
            if (status == 200) {
                m.accepted().inc();
                m.ingest().update(micros);
            } else {
                m.rejected(reason(status)).inc();
            }
        } else if (path.equals("api/updates") && "GET".equals(request.getMethod())) {
            m.list().update(micros);
        }
    }

    /** The metrics, looked up once: a registry lookup per request costs more than the update. */
    private record Metrics(
            MetricRegistry registry,
            Counter accepted,
            Histogram ingest,
            Histogram list,
            Map<String, Counter> byReason) {

        Counter rejected(String reason) {
            return byReason.computeIfAbsent(
                    reason,
                    r -> registry.counter(
                            Metadata.builder()
                                    .withName(REJECTED)
                                    .withDescription("Webhook notifications refused, by reason")
                                    .build(),
                            new Tag("reason", r)));
        }
    }

    private volatile Metrics metrics;

    /** Null on servers without MicroProfile Metrics (GlassFish). */
    private Metrics metrics() {
        Metrics m = metrics;
        if (m == null && registries.isResolvable()) {
            MetricRegistry registry = registries.get();
            m = new Metrics(
                    registry,
                    registry.counter(Metadata.builder()
                            .withName(ACCEPTED)
                            .withDescription("Webhook notifications stored")
                            .build()),
                    registry.histogram(Metadata.builder()
                            .withName(INGEST)
                            .withDescription("Microseconds to receive, store and answer a webhook notification")
                            .build()),
                    registry.histogram(Metadata.builder()
                            .withName(LIST)
                            .withDescription("Microseconds to answer GET /api/updates")
                            .build()),
                    new ConcurrentHashMap<>());
            metrics = m;
        }
        return m;
    }

    /** The reason a webhook was refused, from its status, as docs/http-api.md lists the webhook's answers. */
    static String reason(int status) {
        return switch (status) {
            case 400 -> "malformed";
            case 401 -> "unauthorized";
            case 405 -> "method";
            case 413 -> "too_large";
            case 415 -> "media_type";
            case 503 -> "unavailable";
            default -> status >= 500 ? "error" : "status_" + status;
        };
    }

    private static String trimSlashes(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
