package dev.diundashboard.live;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.security.DashboardCredentials;
import dev.diundashboard.security.LoginSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This instance's open {@code /api/stream} connections, and their limits:
 *
 * <ul>
 *   <li>at most {@code STREAM_MAX} at once; past that, 503 with Retry-After. A stream's slot frees
 *       when it is closed, or when a write to it fails (a comment every {@value #KEEP_ALIVE_SECONDS} s
 *       finds connections the browser has dropped);
 *   <li>each stream has its own queue of at most {@value #QUEUE_CAPACITY} events; a reader that
 *       falls further behind gets one "resync" instead of the events it missed ({@link SendQueue});
 *   <li>a stream opened under a login session closes when that session ends (logout, expiry, or a
 *       realm user refused the role): {@link StreamSessions};
 *   <li>with DASHBOARD_AUTH=realm a stream lasts at most {@value #REALM_LIFETIME_SECONDS} s: the
 *       realm's role can only be asked during a request, so the browser reconnects (after
 *       {@value #RENEW_RECONNECT_MILLIS} ms) and that request is checked again.
 * </ul>
 */
@ApplicationScoped
public class LiveStreams {

    static final int QUEUE_CAPACITY = 256;
    static final long KEEP_ALIVE_SECONDS = 10;
    static final long REALM_LIFETIME_SECONDS = 60;
    /** A stream that cannot take its last event is closed anyway this much later. */
    static final long END_GRACE_SECONDS = 10;

    static final long RETRY_MILLIS = 3000;
    static final long RENEW_RECONNECT_MILLIS = 250;

    private static final Logger LOG = Logger.getLogger(LiveStreams.class.getName());

    @Inject
    @ConfigProperty(name = "STREAM_MAX")
    Optional<String> maxSetting;

    @Inject
    DashboardCredentials credentials;

    @Resource
    ManagedThreadFactory threads;

    /** The server's scheduler: keep-alives and the end of realm-login streams. */
    @Resource
    ManagedScheduledExecutorService timers;

    private final Jsonb jsonb = JsonbBuilder.create();
    private final Set<OpenStream> open = ConcurrentHashMap.newKeySet();
    private StreamSettings settings;
    private IllegalArgumentException invalid;
    private ThreadPoolExecutor senders;
    private ScheduledFuture<?> keepAlives;
    private final AtomicLong lastProbe = new AtomicLong(System.nanoTime());
    private volatile Sse sse;

    @PostConstruct
    void start() {
        try {
            settings = StreamSettings.from(maxSetting);
        } catch (IllegalArgumentException e) {
            LOG.severe(e.getMessage());
            invalid = e;
            settings = new StreamSettings(StreamSettings.DEFAULT_MAX);
        }
        // A pool of our own on the server's threads, not a managed executor: a stream beyond the bound
        // must be refused at once (a managed executor queues it), and the pool is shut down with us.
        // One drainer per stream at most; twice the cap leaves room for streams whose slot was freed
        // while a write to a stalled reader still holds its thread. Beyond that a stream is closed.
        senders = new ThreadPoolExecutor(
                0, settings.max() * 2, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), named(threads, "diun-sse-send"));
        keepAlives =
                timers.scheduleAtFixedRate(this::keepAlive, KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
    }

    /** A malformed STREAM_MAX stops the deployment, named in one log line and the deployer's message. */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (invalid != null) {
            throw new IllegalStateException(invalid.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        keepAlives.cancel(false);
        List.copyOf(open).forEach(OpenStream::close);
        senders.shutdownNow();
    }

    /**
     * Registers the sink and greets it, or refuses with 503 when {@code STREAM_MAX} streams are open.
     *
     * @param session the login session's id, or null
     */
    void open(SseEventSink sink, Sse requestSse, String session) {
        if (sse == null) {
            sse = requestSse;
        }
        OpenStream stream;
        synchronized (this) {
            purge();
            if (open.size() >= settings.max()) {
                probeSoon();
                throw ApiException.unavailable(
                        "too many open streams (STREAM_MAX=" + settings.max() + "); retry later");
            }
            stream = new OpenStream(sink, session, QUEUE_CAPACITY, event(Change.resync()), senders, open::remove);
            open.add(stream);
        }
        stream.send(requestSse
                .newEventBuilder()
                .name("hello")
                .reconnectDelay(RETRY_MILLIS)
                .data("{}")
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .build());
        if (credentials.mode() == LoginSettings.Mode.REALM) {
            OutboundSseEvent renew = requestSse
                    .newEventBuilder()
                    .comment("renew")
                    .reconnectDelay(RENEW_RECONNECT_MILLIS)
                    .build();
            timers.schedule(() -> stream.end(renew), REALM_LIFETIME_SECONDS, TimeUnit.SECONDS);
            timers.schedule(stream::close, REALM_LIFETIME_SECONDS + END_GRACE_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Sends a change to every open stream of this instance; never waits for a reader. */
    public void broadcast(Change change) {
        if (sse == null || open.isEmpty()) {
            return; // nobody is listening yet
        }
        OutboundSseEvent event = event(change);
        open.forEach(stream -> stream.send(event));
    }

    /** Closes the streams opened under this login session. */
    void closeSession(String session) {
        for (OpenStream stream : open) {
            if (session.equals(stream.session())) {
                stream.close();
            }
        }
    }

    /** How many streams are open now. */
    int size() {
        return open.size();
    }

    private OutboundSseEvent event(Change change) {
        return sse.newEventBuilder()
                .name(change.kind())
                .id(change.id() == null ? null : String.valueOf(change.id()))
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(jsonb.toJson(change))
                .build();
    }

    /** Frees the slots of streams whose connection is known to be gone. */
    private void purge() {
        for (OpenStream stream : open) {
            if (stream.isClosed()) {
                stream.close();
            }
        }
    }

    /**
     * Writes to every stream now (at most once a second): a connection the browser dropped fails on
     * its second write, so the refused client's retry finds its slot free sooner.
     */
    private void probeSoon() {
        long now = System.nanoTime();
        long last = lastProbe.get();
        if (now - last > 1_000_000_000L && lastProbe.compareAndSet(last, now)) {
            timers.execute(this::keepAlive);
        }
    }

    private void keepAlive() {
        purge();
        if (sse == null || open.isEmpty()) {
            return;
        }
        OutboundSseEvent ping = sse.newEventBuilder().comment("keep-alive").build();
        open.forEach(stream -> stream.send(ping));
    }

    private static ThreadFactory named(ThreadFactory factory, String name) {
        return runnable -> {
            Thread t = factory.newThread(runnable);
            t.setName(name + "-" + t.getId());
            t.setDaemon(true);
            return t;
        };
    }
}
