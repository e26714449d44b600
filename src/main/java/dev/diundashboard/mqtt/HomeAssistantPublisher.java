package dev.diundashboard.mqtt;

import dev.diundashboard.live.Change;
import dev.diundashboard.platform.RawConfig;
import dev.diundashboard.updates.UpdateQueries;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Publishes each pending update to Home Assistant over MQTT when {@code MQTT_URL} is set, and removes
 * it when it stops being pending (acknowledged, snoozed, ignored, deleted).
 *
 * <p>It hears of changes as the live streams do, after their commit, and only of this instance's:
 * with several instances on one PostgreSQL database each one publishes what it changed. The messages
 * are built from the database alone, so two instances publishing the same update publish the same
 * bytes, and each instance also reads what the others publish (its subscription) and checks it
 * against the database. A change to one update publishes that update; a bulk change or a "resync"
 * compares the whole pending list with what the broker holds, publishes the difference and removes
 * what is no longer pending. So does every (re)connection, at start and after the broker restarts, and
 * a check every {@value #CHECK_MINUTES} minutes that mends what a lost message or a stopped instance
 * left behind.
 *
 * <p>All of it runs on one thread of its own from the container's managed thread factory, never on
 * the thread that committed: a webhook neither waits for the broker nor fails when it is away, and a
 * broker that is slow to answer holds up nothing but this publisher.
 */
@ApplicationScoped
public class HomeAssistantPublisher {

    static final long CHECK_MINUTES = 10;
    static final long RETRY_SECONDS = 5;

    private static final Logger LOG = Logger.getLogger(HomeAssistantPublisher.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    UpdateQueries queries;

    private Optional<MqttSettings> settings = Optional.empty();
    private String invalid;

    private volatile Topics topics;
    private volatile Mirror mirror;
    private volatile BrokerConnection connection;
    private final Work work = new Work();
    private volatile boolean databaseFailing;
    private ScheduledFuture<?> checks;
    /** One thread for connecting and publishing: waits for the broker hold up nothing else. */
    private ScheduledThreadPoolExecutor scheduler;

    @PostConstruct
    void read() {
        try {
            settings = MqttSettings.from(RawConfig.value("MQTT_URL"), RawConfig.value("MQTT_DISCOVERY_PREFIX"));
        } catch (IllegalArgumentException e) {
            invalid = e.getMessage();
            LOG.severe(invalid);
        }
    }

    /** A malformed MQTT_URL or prefix stops the deployment, named in one log line and the deployer's message. */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (invalid != null) {
            throw new IllegalStateException(invalid);
        }
        settings.ifPresent(this::start);
    }

    private synchronized void start(MqttSettings s) {
        scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = threads.newThread(runnable);
            t.setName("diun-mqtt-publisher");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        topics = new Topics(s.prefix());
        mirror = new Mirror(topics);
        connection = new BrokerConnection(s, topics, scheduler, threads, new BrokerConnection.Listener() {
            @Override
            public void connecting() {
                mirror.forget();
            }

            @Override
            public void connected() {
                requestAll();
            }

            @Override
            public void message(String topic, String payload) {
                heard(topic, payload);
            }
        });
        LOG.info("Home Assistant over MQTT: pending updates go to " + s.shownUrl() + " under discovery prefix '"
                + s.prefix() + "'");
        connection.start();
        checks = scheduler.scheduleAtFixedRate(this::requestAll, CHECK_MINUTES, CHECK_MINUTES, TimeUnit.MINUTES);
    }

    @PreDestroy
    synchronized void stop() {
        if (checks != null) {
            checks.cancel(false);
        }
        if (connection != null) {
            connection.close();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** A committed change of this instance: look at the update, or at all of them. */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Change change) {
        if (connection == null || !"update".equals(change.kind())) {
            return; // off, or a tag change: tags are not part of what Home Assistant shows
        }
        if (change.id() != null) {
            if (work.update(change.id(), true)) {
                drainSoon();
            }
        } else {
            requestAll();
        }
    }

    private void heard(String topic, String payload) {
        if (topic.equals(topics.availability())) {
            // Another instance's last will (or its clean stop) while this one is still here.
            if (Topics.OFFLINE.equals(payload) && connection.connected() && work.online()) {
                drainSoon();
            }
            return;
        }
        mirror.seen(topic, payload).ifPresent(id -> {
            if (work.update(id, false)) {
                drainSoon();
            }
        });
    }

    private void requestAll() {
        if (work.all()) {
            drainSoon();
        }
    }

    private void drainSoon() {
        try {
            scheduler.execute(this::drain);
        } catch (RejectedExecutionException shuttingDown) {
            work.clear();
        }
    }

    private void drain() {
        Work.Batch batch;
        while ((batch = work.take()) != null) {
            BrokerConnection c = connection;
            if (!c.connected()) {
                work.clear(); // the next connection publishes everything anyway
                continue;
            }
            try {
                List<Message> out = new ArrayList<>();
                if (batch.online()) {
                    out.add(new Message(topics.availability(), Topics.ONLINE));
                }
                if (batch.all()) {
                    out.addAll(mirror.syncAll(queries.pending().stream()
                            .map(u -> UpdateEntity.of(u, topics))
                            .toList()));
                } else {
                    for (Map.Entry<Long, Boolean> e : batch.updates().entrySet()) {
                        out.addAll(mirror.sync(
                                e.getKey(),
                                queries.pendingUpdate(e.getKey()).map(u -> UpdateEntity.of(u, topics)),
                                e.getValue()));
                    }
                }
                c.publish(out);
                if (databaseFailing) {
                    LOG.info("Home Assistant over MQTT: reading the pending updates works again");
                    databaseFailing = false;
                }
            } catch (MqttException e) {
                // The connection is going away: the next one publishes everything.
                LOG.log(Level.FINE, "publishing stopped", e);
            } catch (RuntimeException e) {
                if (!databaseFailing) {
                    LOG.log(
                            Level.WARNING,
                            "Home Assistant over MQTT: could not read the pending updates (" + e.getMessage()
                                    + "); trying again in " + RETRY_SECONDS + " s",
                            e);
                    databaseFailing = true;
                }
                retryLater();
            }
        }
    }

    private void retryLater() {
        try {
            scheduler.schedule(this::requestAll, RETRY_SECONDS, TimeUnit.SECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // stopping
        }
    }
}
