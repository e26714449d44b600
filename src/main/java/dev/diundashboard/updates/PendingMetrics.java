package dev.diundashboard.updates;

import dev.diundashboard.versions.VersionClass;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Pending updates as gauges: {@value #TOTAL}, and the same per host, per stack and per version class
 * ({@link PendingCounts} says which hosts and stacks get a series). It lives beside the one definition
 * of pending ({@link UpdateQueries#PENDING}) rather than in {@code observe}, which features call into
 * and which must therefore depend on none of them.
 *
 * <p>All gauges read one {@link PendingCounts}, made by one grouped statement and kept for {@value
 * #FRESH_SECONDS} s: a scrape costs at most one statement, however many series it reads, and
 * scrapes closer together cost none. The statement runs on the server's executor and a scrape waits
 * for it at most {@value #WAIT_MS} ms; past that (a database that hangs), and when it fails, the
 * gauges show the last counts. A host or stack gets its series when a count first names it and loses
 * it when it has no pending update left; the total, every version class and {@link
 * PendingCounts#OTHERS} exist from startup at zero.
 */
@ApplicationScoped
public class PendingMetrics {

    static final String TOTAL = "diun.updates.pending";
    static final String BY_HOST = "diun.updates.pending.by.host";
    static final String BY_STACK = "diun.updates.pending.by.stack";
    static final String BY_CLASS = "diun.updates.pending.by.class";
    static final long FRESH_SECONDS = 5;
    static final long WAIT_MS = 2_000;

    private static final Logger LOG = Logger.getLogger(PendingMetrics.class.getName());

    private static final Metadata TOTAL_METADATA =
            metadata(TOTAL, "Pending updates: not acknowledged, snoozed or ignored, not Diun's test notification");
    private static final Metadata HOST_METADATA = metadata(BY_HOST, bounded("host"));
    private static final Metadata STACK_METADATA = metadata(BY_STACK, bounded("stack"));
    private static final Metadata CLASS_METADATA =
            metadata(BY_CLASS, "Pending updates per version class (major, minor, patch, digest, other)");

    /** Unresolvable on servers without MicroProfile Metrics (GlassFish): then nothing is registered. */
    @Inject
    Instance<MetricRegistry> registries;

    @Inject
    UpdateQueries queries;

    @Resource
    ManagedExecutorService executor;

    private MetricRegistry registry;
    private volatile PendingCounts counts = PendingCounts.NONE;
    private volatile long readAt;
    private volatile boolean read;
    private boolean failing;

    /** The count in flight, and whether a scrape already gave up waiting for it. Guarded by this. */
    private Future<?> inFlight;

    private boolean waitedInVain;

    /** The host and stack labels that have a series; changed by the one count in flight only. */
    private final Set<String> hosts = new HashSet<>();

    private final Set<String> stacks = new HashSet<>();

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!registries.isResolvable()) {
            return;
        }
        registry = registries.get();
        gauge(TOTAL_METADATA, PendingCounts::total);
        for (VersionClass c : VersionClass.values()) {
            gauge(CLASS_METADATA, counts -> counts.byClass().get(c), new Tag("version_class", c.wireName()));
        }
        gauge(HOST_METADATA, counts -> of(counts.byHost(), PendingCounts.OTHERS), hostTag(PendingCounts.OTHERS));
        gauge(STACK_METADATA, counts -> of(counts.byStack(), PendingCounts.OTHERS), stackTag(PendingCounts.OTHERS));
        start(); // the stored hosts and stacks have their series before the first scrape
    }

    /** The counts, read again when older than {@value #FRESH_SECONDS} s. */
    PendingCounts current() {
        if (read && System.nanoTime() - readAt < TimeUnit.SECONDS.toNanos(FRESH_SECONDS)) {
            return counts;
        }
        Future<?> count;
        synchronized (this) {
            if (inFlight != null && !inFlight.isDone() && waitedInVain) {
                return counts; // one wait per count in flight, not one per gauge
            }
            count = start();
        }
        try {
            count.get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            synchronized (this) {
                waitedInVain = inFlight == count;
            }
        } catch (ExecutionException e) {
            // count() handles its own failures
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return counts;
    }

    /** The count in flight, or a new one. */
    private synchronized Future<?> start() {
        if (inFlight == null || inFlight.isDone()) {
            try {
                inFlight = executor.submit(this::count);
                waitedInVain = false;
            } catch (RejectedExecutionException e) {
                return java.util.concurrent.CompletableFuture.completedFuture(null); // shutting down
            }
        }
        return inFlight;
    }

    private void count() {
        try {
            PendingCounts c = PendingCounts.of(queries.pendingGroups(), PendingCounts.MAX_LABELS);
            counts = c;
            relabel(BY_HOST, hosts, c.byHost(), PendingCounts::byHost);
            relabel(BY_STACK, stacks, c.byStack(), PendingCounts::byStack);
            if (failing) {
                LOG.info("counting the pending updates for /metrics works again");
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.log(
                        Level.WARNING,
                        "could not count the pending updates for /metrics; the gauges keep their last values: "
                                + e.getMessage(),
                        e);
            }
            failing = true;
        } finally {
            readAt = System.nanoTime();
            read = true;
        }
    }

    /** Gives each label of the new counts a series and takes it from those that have dropped out. */
    private void relabel(
            String name,
            Set<String> labelled,
            Map<String, Long> now,
            Function<PendingCounts, Map<String, Long>> dimension) {
        if (registry == null) {
            return;
        }
        boolean byHost = name.equals(BY_HOST);
        for (String label : now.keySet()) {
            if (!label.equals(PendingCounts.OTHERS) && labelled.add(label)) {
                gauge(
                        byHost ? HOST_METADATA : STACK_METADATA,
                        counts -> of(dimension.apply(counts), label),
                        byHost ? hostTag(label) : stackTag(label));
            }
        }
        for (Iterator<String> i = labelled.iterator(); i.hasNext(); ) {
            String label = i.next();
            if (!now.containsKey(label)) {
                registry.remove(new MetricID(name, byHost ? hostTag(label) : stackTag(label)));
                i.remove();
            }
        }
    }

    private void gauge(Metadata metadata, ToLongFunction<PendingCounts> value, Tag... tags) {
        registry.gauge(metadata, () -> value.applyAsLong(current()), tags);
    }

    private static long of(Map<String, Long> counts, String label) {
        return counts.getOrDefault(label, 0L);
    }

    private static Tag hostTag(String host) {
        return new Tag("host", host);
    }

    private static Tag stackTag(String stack) {
        return new Tag("stack", stack);
    }

    private static String bounded(String label) {
        return "Pending updates per " + label + ": the " + PendingCounts.MAX_LABELS + " " + label
                + "s with the most, the rest as " + label + "=\"" + PendingCounts.OTHERS + "\"";
    }

    private static Metadata metadata(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }
}
