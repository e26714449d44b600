package dev.diundashboard.mqtt;

import dev.diundashboard.storage.Backoff;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.TimerPingSender;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The connection to the broker (MQTT 5, Eclipse Paho), kept up by itself: a failed or lost connection
 * is tried again after 1 s, doubling to 30 s. Each connection starts clean, leaves "offline" as its
 * retained last will on the availability topic, subscribes to this dashboard's topics (without its
 * own messages echoed back), says "online", and then tells the {@link Listener}, which publishes
 * everything again: a broker that restarted may have lost its retained messages.
 *
 * <p>Paho's threads come from the container's managed thread factory; the connection attempts run on
 * the given scheduler (the publisher's own thread). Problems are logged once per outage, with the URL but never the user
 * information.
 */
final class BrokerConnection implements MqttCallback {

    /** What the connection reports; called on the client's threads, so each returns at once. */
    interface Listener {

        /** Before each connection attempt: what the broker holds is no longer known. */
        void connecting();

        /** Connected, subscribed, online. */
        void connected();

        /** A message under this dashboard's topics; an empty payload is a removal. */
        void message(String topic, String payload);
    }

    static final int QOS = 1;
    /** Publications under way at once; brokers allow at least this many unacknowledged ones. */
    static final int WINDOW = 10;

    static final long WAIT_MILLIS = 10_000;

    private static final Logger LOG = Logger.getLogger(BrokerConnection.class.getName());

    /**
     * Paho traces every packet at FINE, the CONNECT packet with its password among them: its loggers
     * stay at INFO, whatever the server's default level. Held here, so that the setting is not lost
     * with a logger nobody references.
     */
    private static final Logger PAHO = Logger.getLogger("org.eclipse.paho");

    static {
        PAHO.setLevel(Level.INFO);
    }

    private final MqttSettings settings;
    private final Topics topics;
    private final ScheduledExecutorService scheduler;
    private final ScheduledThreadPoolExecutor clientThreads;
    private final MqttAsyncClient client;
    private final Listener listener;
    private final Backoff backoff = new Backoff();
    private final AtomicBoolean attemptScheduled = new AtomicBoolean();
    private volatile boolean closed;
    private volatile boolean failing;
    private volatile boolean everConnected;

    BrokerConnection(
            MqttSettings settings,
            Topics topics,
            ScheduledExecutorService scheduler,
            ThreadFactory threads,
            Listener listener) {
        this.settings = settings;
        this.topics = topics;
        this.scheduler = scheduler;
        this.listener = listener;
        // Paho runs its receiver, sender and callback as long tasks on this pool: room for two
        // connections' worth while an old one winds down.
        this.clientThreads = new ScheduledThreadPoolExecutor(8, named(threads));
        try {
            this.client = new MqttAsyncClient(
                    settings.serverUri(),
                    clientId(),
                    new MemoryPersistence(),
                    new TimerPingSender(clientThreads),
                    clientThreads);
        } catch (MqttException e) {
            clientThreads.shutdownNow();
            throw new IllegalArgumentException("MQTT_URL: " + e.getMessage(), e);
        }
        client.setCallback(this);
    }

    /** A new id for each start: two instances, or a restarted one, never push each other off. */
    private static String clientId() {
        byte[] random = new byte[6];
        new java.security.SecureRandom().nextBytes(random);
        return "diun-dashboard-" + HexFormat.of().formatHex(random);
    }

    /** Connects in the background; never waits for the broker. */
    void start() {
        scheduleAttempt(0);
    }

    boolean connected() {
        return !closed && client.isConnected();
    }

    private void scheduleAttempt(long delayMillis) {
        if (closed || !attemptScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.schedule(this::attempt, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            attemptScheduled.set(false);
        }
    }

    private void attempt() {
        attemptScheduled.set(false);
        if (closed || client.isConnected()) {
            return;
        }
        try {
            listener.connecting();
            client.connect(options()).waitForCompletion(WAIT_MILLIS);
            MqttSubscription mine = new MqttSubscription(topics.all(), QOS);
            mine.setNoLocal(true); // what this instance publishes it knows already
            client.subscribe(new MqttSubscription[] {mine}).waitForCompletion(WAIT_MILLIS);
            publish(List.of(new Message(topics.availability(), Topics.ONLINE)));
        } catch (MqttException | RuntimeException e) {
            if (!failing) {
                LOG.warning("Home Assistant over MQTT: cannot reach the broker at " + settings.shownUrl() + " ("
                        + reason(e) + "); trying again with backoff, the dashboard works on");
                failing = true;
            }
            LOG.log(Level.FINE, "connection attempt failed", e);
            disconnectQuietly();
            scheduleAttempt(backoff.nextMillis());
            return;
        }
        backoff.reset();
        if (failing || !everConnected) {
            LOG.info("Home Assistant over MQTT: connected to " + settings.shownUrl() + (everConnected ? " again" : "")
                    + "; publishing the pending updates");
        }
        failing = false;
        everConnected = true;
        listener.connected();
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setSessionExpiryInterval(0L);
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        o.setAutomaticReconnect(false); // reconnects are this class's, so that each one republishes
        if (settings.user() != null) {
            o.setUserName(settings.user());
        }
        if (settings.password() != null) {
            o.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        if (settings.tls()) {
            o.setSocketFactory(SSLSocketFactory.getDefault());
            o.setHttpsHostnameVerificationEnabled(true);
        }
        MqttMessage will = message(Topics.OFFLINE);
        o.setWill(topics.availability(), will);
        return o;
    }

    private static MqttMessage message(String payload) {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(QOS);
        m.setRetained(true);
        return m;
    }

    /**
     * Publishes the messages in order, retained, at QoS 1, with up to {@value #WINDOW} under way, and
     * returns when the broker has acknowledged all of them.
     *
     * @throws MqttException when not connected or the connection fails meanwhile
     */
    synchronized void publish(List<Message> messages) throws MqttException {
        Deque<IMqttToken> underWay = new ArrayDeque<>();
        for (Message m : messages) {
            underWay.add(client.publish(m.topic(), message(m.payload())));
            if (underWay.size() >= WINDOW) {
                underWay.poll().waitForCompletion(WAIT_MILLIS);
            }
        }
        for (IMqttToken token : underWay) {
            token.waitForCompletion(WAIT_MILLIS);
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        if (closed) {
            return;
        }
        LOG.warning("Home Assistant over MQTT: lost the broker at " + settings.shownUrl() + " ("
                + (response.getException() != null ? reason(response.getException()) : response.getReasonString())
                + "); reconnecting with backoff");
        failing = true;
        scheduleAttempt(backoff.nextMillis());
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
        LOG.log(Level.FINE, "MQTT client error", e);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        try {
            listener.message(topic, new String(message.getPayload(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Home Assistant over MQTT: could not handle a message on " + topic, e);
        }
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // publish() waits for its tokens
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        // attempt() goes on once the connection stands
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no extended authentication
    }

    /** Says "offline" (a clean disconnect sends no last will), disconnects, and frees the threads. */
    void close() {
        closed = true;
        try {
            if (client.isConnected()) {
                try {
                    client.publish(topics.availability(), message(Topics.OFFLINE))
                            .waitForCompletion(2_000);
                } catch (MqttException e) {
                    LOG.log(Level.FINE, "could not say offline", e);
                }
            }
            disconnectQuietly();
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.log(Level.FINE, "closing the MQTT client", e);
        } finally {
            clientThreads.shutdownNow();
        }
    }

    private void disconnectQuietly() {
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(2_000);
            }
        } catch (MqttException | RuntimeException e) {
            LOG.log(Level.FINE, "disconnect", e);
        }
    }

    /** The cause in a few words; Paho's messages name neither the user nor the password. */
    private static String reason(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        String text = message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
        return e == cause || e.getMessage() == null ? text : e.getMessage() + ": " + text;
    }

    private static ThreadFactory named(ThreadFactory factory) {
        return runnable -> {
            Thread t = factory.newThread(runnable);
            t.setName("diun-mqtt-" + t.getId());
            t.setDaemon(true);
            return t;
        };
    }
}
