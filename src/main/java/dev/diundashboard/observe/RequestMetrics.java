package dev.diundashboard.observe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counts webhooks accepted and rejected (by reason) and records ingest and list-API latency as
 * histograms in microseconds (Payara's exporter prints a timer's quantiles in nanoseconds but its
 * sum in seconds; a unit-less histogram stays consistent). Taken from the response each request
 * finally got, so refusals by the token filter or the error mapper count too.
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

    /** Unresolvable on servers without MicroProfile Metrics (GlassFish): then nothing is recorded. */
    @Inject
    Instance<MetricRegistry> registries;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Long started) || !registries.isResolvable()) {
            return;
        }
        MetricRegistry registry = registries.get();
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
        String path = trimSlashes(request.getUriInfo().getPath());
        int status = response.getStatus();
        if (path.equals("webhook")) {
            if (status == 200) {
                registry.counter(Metadata.builder()
                                .withName(ACCEPTED)
                                .withDescription("Webhook notifications stored")
                                .build())
                        .inc();
                registry.histogram(Metadata.builder()
                                .withName(INGEST)
                                .withDescription("Microseconds to receive, store and answer a webhook notification")
                                .build())
                        .update(micros);
            } else {
                registry.counter(
                                Metadata.builder()
                                        .withName(REJECTED)
                                        .withDescription("Webhook notifications refused, by reason")
                                        .build(),
                                new Tag("reason", reason(status)))
                        .inc();
            }
        } else if (path.equals("api/updates") && "GET".equals(request.getMethod())) {
            registry.histogram(Metadata.builder()
                            .withName(LIST)
                            .withDescription("Microseconds to answer GET /api/updates")
                            .build())
                    .update(micros);
        }
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
