package dev.diundashboard.observe;

import dev.diundashboard.live.ChangeListener;
import dev.diundashboard.storage.DatabaseBinding;
import dev.diundashboard.storage.Dialect;
import dev.diundashboard.storage.SchemaStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database answers a trivial query: reports the backend, the product and the round
 * trip. The probe runs on a managed thread and is given {@value #TIMEOUT_MS} ms, so that a database
 * that hangs (a cut network) makes the check DOWN quickly instead of hanging the probe; at most one
 * probe is in flight, later checks report DOWN until it returns. A refused schema upgrade (no
 * verified backup of the SQLite file) is DOWN with its reason.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final String NAME = "database";
    static final long TIMEOUT_MS = 3_000;

    @Resource(lookup = DatabaseBinding.DATA_SOURCE)
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Inject
    DatabaseBinding binding;

    @Inject
    ChangeListener listener;

    @Inject
    Dialect dialect;

    @Inject
    SchemaStatus schema;

    private Future<Probe> inFlight;

    record Probe(String backend, String product, long roundTripMicros) {}

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        String refusal = schema.refusal();
        if (refusal != null) {
            // The database may answer, but its schema was left as it was: not ready until a restart upgrades it.
            return response.down().withData("error", refusal).build();
        }
        Future<Probe> probe = start();
        try {
            Probe p = probe.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            response.up()
                    .withData("backend", p.backend())
                    .withData("product", p.product())
                    .withData("roundTripMs", String.format(Locale.ROOT, "%.3f", p.roundTripMicros() / 1000.0));
            if (dialect.sharedByInstances()) {
                // Whether open pages hear other instances' changes; not a reason to take traffic away.
                response.withData("hearsOtherInstances", listener.listening());
            }
            return response.build();
        } catch (TimeoutException e) {
            return response.down()
                    .withData("error", "no answer within " + TIMEOUT_MS + " ms")
                    .build();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return response.down().withData("error", firstLine(cause)).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        }
    }

    /** The probe still running, or a new one. */
    private synchronized Future<Probe> start() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = CompletableFuture.supplyAsync(this::probe, executor);
        }
        return inFlight;
    }

    private Probe probe() {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.setQueryTimeout((int) TimeUnit.MILLISECONDS.toSeconds(TIMEOUT_MS));
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
            }
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
            DatabaseBinding.Connected connected = binding.connected();
            return new Probe(connected.backend().name().toLowerCase(Locale.ROOT), connected.product(), micros);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The message's first line only: enough to diagnose, never a stack trace or a connection string. */
    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
