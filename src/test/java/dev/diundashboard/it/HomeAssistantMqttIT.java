package dev.diundashboard.it;

import static dev.diundashboard.it.support.Notifications.diun;
import static dev.diundashboard.it.support.Notifications.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.it.support.Api;
import dev.diundashboard.it.support.MicroServer;
import dev.diundashboard.it.support.Mosquitto;
import dev.diundashboard.it.support.Notifications;
import dev.diundashboard.it.support.TcpProxy;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Home Assistant over MQTT on a real server (SQLite) and real Mosquitto brokers: what a webhook
 * publishes, what acknowledging, snoozing, ignoring, deleting and re-opening do to it, messages of
 * another publisher under the dashboard's topics, a webhook while the broker is away, a broker that
 * restarts empty, and the last will. The app reaches the broker
 * through a proxy of the test's own: first the machine's shared broker (under a discovery prefix of
 * this run), then a private broker that the test kills and starts again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HomeAssistantMqttIT {

    private static final String SECRET = "mqtt-it-secret-not-for-production";
    private static final Duration SOON = Duration.ofSeconds(20);
    /** A reconnect waits up to 30 s between attempts: room for one full wait and a loaded machine. */
    private static final Duration RECONNECTED = Duration.ofSeconds(90);

    private static String prefix;
    private static TcpProxy proxy;
    private static MicroServer server;
    private static Api api;
    private static Broker shared;
    private static Mosquitto privateBroker;

    private static long nginxOld;
    private static long nginx;
    private static long redis;

    @BeforeAll
    static void start() throws Exception {
        Mosquitto.requireShared();
        prefix = "it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        proxy = new TcpProxy(Mosquitto.HOST, Mosquitto.SHARED_PORT);
        Path data = Files.createTempDirectory(
                Files.createDirectories(Path.of(System.getProperty("diun.it.work", "target/it"))), "mqtt-");
        server = MicroServer.start(
                "mqtt",
                Map.of(
                        "DB_PATH",
                        data.resolve("diun.db").toString(),
                        // The shared broker takes any user; the password must never reach the log.
                        "MQTT_URL",
                        "mqtt://dashboard:" + SECRET + "@" + Mosquitto.HOST + ":" + proxy.port(),
                        "MQTT_DISCOVERY_PREFIX",
                        prefix));
        api = new Api(server.base());
        shared = new Broker("tcp://" + Mosquitto.HOST + ":" + Mosquitto.SHARED_PORT);
    }

    @AfterAll
    static void stop() throws Exception {
        try (var b = shared) {
            try (var s = server;
                    var p = proxy;
                    var mine = privateBroker) {
                // closed in reverse order; the shared broker is cleared only after the server stopped
            }
            if (b != null) {
                b.clearRetained(); // leave the shared broker as it was
            }
        }
    }

    @Test
    @Order(1)
    void aWebhookAppearsAsARetainedUpdateEntityWithBothVersions() throws Exception {
        assertThat(shared.await(t -> "online".equals(t.get(availability())), SOON))
                .as("availability online")
                .isTrue();

        nginxOld =
                Api.idOf(api.webhook(json(diun("nas", "docker.io/library/nginx:1.27.2", "sha256:" + "1".repeat(64)))));
        nginx = Api.idOf(api.webhook(json(diun("nas", "docker.io/library/nginx:1.27.3", "sha256:" + "2".repeat(64)))));
        redis = Api.idOf(api.webhook(json(diun("nas", "docker.io/library/redis:latest", "sha256:" + "3".repeat(64)))));
        Api.idOf(api.webhook(json(diun("nas", "docker.io/library/redis:latest", "sha256:" + "4".repeat(64)))));
        assertThat(api.webhook(Notifications.testNotification("nas").toString()).status())
                .isEqualTo(200);

        assertThat(shared.await(t -> published(t, nginxOld, nginx, redis), SOON))
                .as("config and state of the three pending updates")
                .isTrue();

        // What a client that connects now is given: the broker kept both messages.
        Map<String, String> retained = shared.retained();
        JsonObject config = parse(retained.get(config(nginx)));
        assertThat(config.getString("unique_id")).isEqualTo("diun_dashboard_update_" + nginx);
        assertThat(config.getString("name")).isEqualTo("nginx:1.27.3");
        assertThat(config.getString("state_topic")).isEqualTo(state(nginx));
        assertThat(config.getString("availability_topic")).isEqualTo(availability());
        assertThat(config.getJsonObject("device").getString("name")).isEqualTo("nas");

        JsonObject state = parse(retained.get(state(nginx)));
        assertThat(state.getString("installed_version")).isEqualTo("1.27.2");
        assertThat(state.getString("latest_version")).isEqualTo("1.27.3");
        assertThat(state.getString("title")).isEqualTo("docker.io/library/nginx:1.27.3");
        assertThat(state.getString("release_url")).startsWith("https://");

        JsonObject digest = parse(retained.get(state(redis)));
        assertThat(digest.getString("installed_version")).isEqualTo("sha256:333333333333");
        assertThat(digest.getString("latest_version")).isEqualTo("sha256:444444444444");

        assertThat(retained.keySet())
                .as("Diun's test notification is never pending")
                .allMatch(topic -> topic.equals(availability())
                        || Set.of(nginxOld, nginx, redis).contains(idIn(topic)));
        String log = Files.readString(server.log);
        assertThat(log).contains("pending updates go to mqtt://" + Mosquitto.HOST + ":" + proxy.port());
        assertThat(log).doesNotContain(SECRET);
    }

    @Test
    @Order(2)
    void acknowledgingRemovesTheEntityAndReopeningBringsItBack() throws Exception {
        assertThat(api.post("/api/updates/" + nginx + "/acknowledge", null).status())
                .isEqualTo(200);
        assertThat(shared.await(t -> absent(t, nginx), SOON))
                .as("config and state removed")
                .isTrue();
        assertThat(shared.retained()).doesNotContainKeys(config(nginx), state(nginx));
        assertThat(shared.current()).containsKeys(config(nginxOld), config(redis));

        assertThat(api.delete("/api/updates/" + nginx + "/acknowledge").status())
                .isEqualTo(200);
        assertThat(shared.await(t -> published(t, nginx), SOON))
                .as("re-opened: published again")
                .isTrue();
        assertThat(shared.retained()).containsKeys(config(nginx), state(nginx));
    }

    @Test
    @Order(3)
    void snoozingIgnoringDeletingAndBulkAcknowledgingRemoveIt() throws Exception {
        assertThat(api.post("/api/updates/" + nginxOld + "/snooze", "{\"days\":1}")
                        .status())
                .isEqualTo(200);
        assertThat(shared.await(t -> absent(t, nginxOld), SOON)).as("snoozed").isTrue();
        assertThat(api.delete("/api/updates/" + nginxOld + "/snooze").status()).isEqualTo(200);
        assertThat(shared.await(t -> published(t, nginxOld), SOON))
                .as("unsnoozed")
                .isTrue();

        Api.Reply rule = api.post("/api/rules", "{\"image\":\"docker.io/library/redis\"}");
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        assertThat(shared.await(t -> absent(t, redis) && published(t, nginx, nginxOld), SOON))
                .as("ignored by a rule; the others stay")
                .isTrue();
        assertThat(api.delete("/api/rules/" + Api.idOf(rule)).status()).isEqualTo(204);
        assertThat(shared.await(t -> published(t, redis), SOON))
                .as("the rule is gone")
                .isTrue();

        assertThat(api.delete("/api/updates/" + nginxOld).status()).isEqualTo(204);
        assertThat(shared.await(t -> absent(t, nginxOld), SOON)).as("deleted").isTrue();

        Api.Reply bulk = api.post("/api/updates/acknowledge", "{\"host\":\"nas\",\"state\":\"pending\"}");
        assertThat(bulk.json().getInt("acknowledged")).isEqualTo(2);
        assertThat(shared.await(t -> absent(t, nginx) && absent(t, redis), SOON))
                .as("a bulk acknowledgement")
                .isTrue();
        assertThat(shared.retained().keySet()).containsExactly(availability());

        api.delete("/api/updates/" + nginx + "/acknowledge");
        api.delete("/api/updates/" + redis + "/acknowledge");
        assertThat(shared.await(t -> published(t, nginx, redis), SOON)).isTrue();
    }

    @Test
    @Order(4)
    void whatAnotherInstanceOrAnEarlierRunLeftIsMadeRightFromTheDatabase() throws Exception {
        String correct = shared.current().get(state(nginx));
        long gone = 999_999;
        // As another instance would publish them: a stale state, and an entity for no pending update.
        shared.publish(state(nginx), "{\"installed_version\":\"0\",\"latest_version\":\"1\"}");
        shared.publish(config(gone), "{\"name\":\"left behind\"}");
        shared.publish(state(gone), "{\"installed_version\":\"0\",\"latest_version\":\"1\"}");

        assertThat(shared.await(t -> correct.equals(t.get(state(nginx))) && absent(t, gone), SOON))
                .as("the state as the database has it again, and the stray entity removed")
                .isTrue();
        Map<String, String> retained = shared.retained();
        assertThat(retained).containsEntry(state(nginx), correct).doesNotContainKeys(config(gone), state(gone));
    }

    @Test
    @Order(5)
    void aBrokerThatRestartsEmptyGetsThePendingUpdatesAgainAndWebhooksNeverWaitForIt() throws Exception {
        privateBroker = Mosquitto.startPrivate();
        try (Broker fresh = new Broker("tcp://" + Mosquitto.HOST + ":" + privateBroker.port)) {
            // The app's broker is replaced by an empty one: it connects again and publishes everything.
            proxy.retarget(Mosquitto.HOST, privateBroker.port);
            assertThat(fresh.await(
                            t -> published(t, nginx, redis) && "online".equals(t.get(availability())), RECONNECTED))
                    .as("republished to the new broker")
                    .isTrue();
        }

        privateBroker.kill();
        long started = System.nanoTime();
        long late =
                Api.idOf(api.webhook(json(diun("nas", "docker.io/library/postgres:17.2", "sha256:" + "5".repeat(64)))));
        assertThat(api.post("/api/updates/" + redis + "/acknowledge", null).status())
                .isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("a webhook and an acknowledgement while the broker is down")
                .isLessThan(Duration.ofSeconds(5));

        Thread.sleep(3000); // long enough for the app to fail at least once and back off
        privateBroker.start();
        try (Broker restarted = new Broker("tcp://" + Mosquitto.HOST + ":" + privateBroker.port)) {
            assertThat(restarted.await(t -> published(t, nginx, late) && absent(t, redis), RECONNECTED))
                    .as("after the restart: what is pending now, and not what was acknowledged meanwhile")
                    .isTrue();
            Set<Long> pending = pendingIds();
            Set<Long> onBroker = restarted.retained().keySet().stream()
                    .filter(t -> t.endsWith("/config"))
                    .map(HomeAssistantMqttIT::idIn)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(onBroker).as("exactly the pending updates").isEqualTo(pending);
            String log = Files.readString(server.log);
            String shown = "mqtt://" + Mosquitto.HOST + ":" + proxy.port();
            assertThat(log).contains("lost the broker at " + shown, "connected to " + shown + " again");
            assertThat(log).doesNotContain(SECRET);
        }
    }

    @Test
    @Order(6)
    void theLastWillSaysOfflineWhenTheServerDies() throws Exception {
        try (Broker broker = new Broker("tcp://" + Mosquitto.HOST + ":" + privateBroker.port)) {
            assertThat(broker.await(t -> "online".equals(t.get(availability())), SOON))
                    .isTrue();
            server.kill();
            assertThat(broker.await(t -> "offline".equals(t.get(availability())), SOON))
                    .as("the broker sends the last will")
                    .isTrue();
            assertThat(broker.retained()).containsEntry(availability(), "offline");
        }
    }

    /**
     * {@code mqtts://}: the server checks the broker's certificate against the JVM's trust store (here
     * one holding the test broker's certificate) and its entities arrive over TLS.
     */
    @Test
    @Order(6)
    void overMqttsTheBrokersCertificateIsCheckedAndTheEntitiesArrive() throws Exception {
        Path data = Files.createTempDirectory(Path.of(System.getProperty("diun.it.work", "target/it")), "mqtts-");
        try (Mosquitto tls = Mosquitto.startPrivateTls();
                MicroServer s = MicroServer.start(
                        "mqtts",
                        Map.of(
                                "DB_PATH",
                                data.resolve("diun.db").toString(),
                                "MQTT_URL",
                                tls.url(),
                                "MQTT_DISCOVERY_PREFIX",
                                prefix,
                                "javax.net.ssl.trustStore",
                                tls.trustStore().toString(),
                                "javax.net.ssl.trustStorePassword",
                                Mosquitto.TRUST_PASSWORD,
                                "javax.net.ssl.trustStoreType",
                                "PKCS12"));
                Broker subscriber = new Broker("ssl://" + Mosquitto.HOST + ":" + tls.port, tls.trustStore())) {
            assertThat(tls.url()).startsWith("mqtts://");
            long id = Api.idOf(new Api(s.base())
                    .webhook(json(diun("tls-host", "docker.io/library/caddy:2.8", "sha256:" + "7".repeat(64)))));
            assertThat(subscriber.await(
                            t -> t.containsKey(config(id))
                                    && t.containsKey(state(id))
                                    && "online".equals(t.get(availability())),
                            SOON))
                    .as("config, state and availability over TLS: " + subscriber.current())
                    .isTrue();
            assertThat(parse(subscriber.current().get(config(id)))
                            .getJsonObject("device")
                            .getString("name"))
                    .isEqualTo("tls-host");
            // A plain client is not let in: the broker speaks TLS only.
            assertThat(Broker.connects("tcp://" + Mosquitto.HOST + ":" + tls.port))
                    .isFalse();
        }
    }

    @Test
    @Order(7)
    void aMalformedMqttUrlStopsTheApplicationWithoutShowingThePassword() throws Exception {
        Path db = Files.createTempDirectory(Path.of(System.getProperty("diun.it.work", "target/it")), "mqtt-refused-")
                .resolve("diun.db");
        String refusal = "MQTT_URL must look like mqtt://[user[:password]@]host[:port] or mqtts://…: it must start with"
                + " mqtt:// or mqtts:// (got 'tcp://')";
        try (MicroServer s = MicroServer.launch(
                "mqtt-refused",
                Map.of("DB_PATH", db.toString(), "MQTT_URL", "tcp://dashboard:" + SECRET + "@broker"))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
            String log = "";
            // Both lines are awaited: the log is written through more than one buffer.
            while (System.nanoTime() < deadline
                    && s.alive()
                    && !(log.contains("Exception while loading the app") && log.contains(refusal))
                    && !log.contains(") ready in ")) {
                Thread.sleep(500);
                log = Files.exists(s.log) ? Files.readString(s.log) : "";
            }
            assertThat(log.lines().filter(l -> l.contains("SEVERE") && l.contains(refusal)))
                    .as("a SEVERE line naming the setting in " + s.log)
                    .isNotEmpty();
            assertThat(log).as("the deployment failed").contains("Exception while loading the app");
            assertThat(log).doesNotContain(SECRET);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static String base() {
        return prefix + "/update/diun_dashboard/";
    }

    private static String config(long id) {
        return base() + id + "/config";
    }

    private static String state(long id) {
        return base() + id + "/state";
    }

    private static String availability() {
        return base() + "availability";
    }

    private static long idIn(String topic) {
        String rest = topic.substring(base().length());
        return Long.parseLong(rest.substring(0, rest.indexOf('/')));
    }

    private static boolean published(Map<String, String> topics, long... ids) {
        for (long id : ids) {
            if (!topics.containsKey(config(id)) || !topics.containsKey(state(id))) {
                return false;
            }
        }
        return true;
    }

    private static boolean absent(Map<String, String> topics, long id) {
        return !topics.containsKey(config(id)) && !topics.containsKey(state(id));
    }

    private static JsonObject parse(String json) {
        assertThat(json).isNotNull();
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static Set<Long> pendingIds() {
        Api.Reply list = api.get("/api/updates?state=pending&limit=1000");
        return list.json().getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getJsonNumber("id").longValue())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * A subscriber to everything under this run's prefix on one broker: {@link #current()} is what the
     * broker holds as far as the messages tell (every message the app sends is retained; an empty one
     * removes), {@link #retained()} asks the broker anew with a client of its own.
     */
    private static final class Broker implements AutoCloseable {
        private final String uri;
        private final MqttClient client;
        private final Map<String, String> topics = new ConcurrentHashMap<>();

        /** A trust store for {@code ssl://} brokers, or null. */
        private final Path trust;

        Broker(String uri) throws Exception {
            this(uri, null);
        }

        Broker(String uri, Path trust) throws Exception {
            this.uri = uri;
            this.trust = trust;
            this.client = subscribe(uri, trust, (topic, message) -> {
                String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
                if (payload.isEmpty()) {
                    topics.remove(topic);
                } else {
                    topics.put(topic, payload);
                }
            });
        }

        /** Whether a client can connect at all. */
        static boolean connects(String uri) throws Exception {
            MqttClient c = new MqttClient(uri, "diun-it-probe", new MemoryPersistence());
            try {
                MqttConnectionOptions options = new MqttConnectionOptions();
                options.setConnectionTimeout(5);
                c.connect(options);
                c.disconnect();
                return true;
            } catch (org.eclipse.paho.mqttv5.common.MqttException refused) {
                return false;
            } finally {
                c.close();
            }
        }

        private static MqttClient subscribe(
                String uri, Path trust, java.util.function.BiConsumer<String, MqttMessage> onMessage) throws Exception {
            MqttClient c = new MqttClient(
                    uri,
                    "diun-it-"
                            + HexFormat.of()
                                    .toHexDigits(ThreadLocalRandom.current().nextInt()),
                    new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            if (trust != null) {
                java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
                try (var in = Files.newInputStream(trust)) {
                    store.load(in, Mosquitto.TRUST_PASSWORD.toCharArray());
                }
                javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                        javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
                tls.init(null, tmf.getTrustManagers(), null);
                options.setSocketFactory(tls.getSocketFactory());
            }
            c.connect(options);
            // The array form: the one-topic convenience method of this client version calls itself.
            c.subscribe(
                    new MqttSubscription[] {new MqttSubscription(prefix + "/#", 1)},
                    new IMqttMessageListener[] {onMessage::accept});
            return c;
        }

        Map<String, String> current() {
            return new TreeMap<>(topics);
        }

        boolean await(Predicate<Map<String, String>> condition, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (condition.test(current())) {
                    return true;
                }
                Thread.sleep(100);
            }
            return condition.test(current());
        }

        /** The retained messages the broker sends a client that subscribes now. */
        Map<String, String> retained() throws Exception {
            Map<String, String> kept = new ConcurrentHashMap<>();
            MqttClient c = subscribe(uri, trust, (topic, message) -> {
                if (message.isRetained() && message.getPayload().length > 0) {
                    kept.put(topic, new String(message.getPayload(), StandardCharsets.UTF_8));
                }
            });
            try {
                // Retained messages follow the subscription at once; a quiet second means all came.
                int size;
                do {
                    size = kept.size();
                    Thread.sleep(1000);
                } while (kept.size() != size);
            } finally {
                c.disconnect();
                c.close();
            }
            return new TreeMap<>(kept);
        }

        /** Publishes a retained message, as another publisher would. */
        void publish(String topic, String payload) throws Exception {
            MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            m.setRetained(true);
            m.setQos(1);
            client.publish(topic, m);
        }

        /** Removes every retained message under this run's prefix. */
        void clearRetained() throws Exception {
            for (String topic : retained().keySet()) {
                publish(topic, "");
            }
        }

        @Override
        public void close() throws Exception {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
    }
}
