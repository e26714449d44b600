package dev.diundashboard.it;

import static dev.diundashboard.it.support.Notifications.diun;
import static dev.diundashboard.it.support.Notifications.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diundashboard.it.support.Api;
import dev.diundashboard.it.support.Api.Reply;
import dev.diundashboard.it.support.ArquillianNested;
import dev.diundashboard.it.support.Exposition;
import dev.diundashboard.it.support.FeedParser;
import dev.diundashboard.it.support.HostileCorpus;
import dev.diundashboard.it.support.LeastRoles;
import dev.diundashboard.it.support.Notifications;
import dev.diundashboard.it.support.Promtool;
import dev.diundashboard.it.support.RawHttp;
import dev.diundashboard.it.support.Receiver;
import dev.diundashboard.it.support.ServerTools;
import dev.diundashboard.it.support.SmtpReceiver;
import dev.diundashboard.it.support.Transcript;
import dev.diundashboard.it.support.WidgetSnippets;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTP contract (docs/http-api.md), written once and run against the real WAR on each backend by a
 * subclass per dialect. Tests share one database, so each works on hosts of its own.
 *
 * <p>One nested class per feature, run in their {@link Order}: the metrics of the fresh server first
 * (before anything has been sent to it), then the tests of a subclass (outside any nested class),
 * then webhook, list, acknowledgement, tags, operations, widgets, transcript, errors and
 * headers (the hostile corpus last among them), audit, and tokens last, since a first token closes the
 * login deployment's webhook. The deployments' URLs are injected into this class only; {@link
 * ArquillianNested} sets them for the tests of the nested classes too.
 */
@ExtendWith({ArquillianExtension.class, ArquillianNested.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
abstract class ContractTests {

    /** The name of the second deployment of each backend: the same WAR with login on. */
    static final String LOGIN = "login";

    @ArquillianResource
    URL base;

    /** With login on (DASHBOARD_USER/DASHBOARD_PASSWORD), webhook open until a first token. */
    @ArquillianResource
    @OperateOnDeployment(LOGIN)
    URL loginBase;

    /** Login off. */
    Api api;

    /** The login deployment, as an API client with HTTP Basic. */
    Api login;

    String host;

    /** Runs SQL directly against the backend's database (for fault injection only). */
    abstract void executeSql(String sql) throws Exception;

    abstract String failingEventTriggerSql();

    /** The first column of the first row of a query, as text (for checks of what is stored). */
    abstract String queryText(String sql) throws Exception;

    /** {@link #queryText} on the login deployment's database. */
    abstract String loginQueryText(String sql) throws Exception;

    @BeforeEach
    void connect() {
        api = new Api(base);
        login = new Api(
                loginBase,
                Api.basic(
                        System.getProperty("diun.it.dashboard-user"),
                        System.getProperty("diun.it.dashboard-password")));
        host = "host-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Before any request has reached the server, on an empty database: every series is in /metrics at
     * zero, so that an alert on a rate has something to read, and promtool accepts the exposition.
     */
    @Test
    @Order(1)
    void aFreshServerExposesEverySeriesAtZero() throws Exception {
        String text = api.get("/metrics").body();
        Exposition metrics = Exposition.parse(text);

        assertThat(metrics.get("diun_webhooks_accepted_total")).isZero();
        for (String reason :
                List.of("malformed", "unauthorized", "method", "too_large", "media_type", "unavailable", "error")) {
            assertThat(metrics.get("diun_webhooks_rejected_total", Map.of("reason", reason)))
                    .as(reason)
                    .isZero();
        }
        assertThat(metrics.get("diun_ingest_micros_count")).isZero();
        assertThat(metrics.get("diun_list_micros_count")).isZero();
        for (String outcome : List.of("sent", "retried", "failed")) {
            for (String type : List.of("ntfy", "gotify", "discord", "slack", "email", "webhook")) {
                assertThat(metrics.get("diun_outbox_" + outcome + "_total", Map.of("channel_type", type)))
                        .as(outcome + " " + type)
                        .isZero();
            }
        }
        assertThat(metrics.labelValues("diun_outbox_sent_total", "channel_type"))
                .as("the channel types and no other")
                .hasSize(6);
        assertThat(metrics.get("diun_updates_pending")).isZero();
        assertThat(metrics.labelValues("diun_updates_pending_by_class", "version_class"))
                .containsExactlyInAnyOrder("major", "minor", "patch", "digest", "other");
        for (String c : List.of("major", "minor", "patch", "digest", "other")) {
            assertThat(metrics.get("diun_updates_pending_by_class", Map.of("version_class", c)))
                    .isZero();
        }
        assertThat(metrics.labelValues("diun_updates_pending_by_host", "host")).containsExactly("(other)");
        assertThat(metrics.get("diun_updates_pending_by_host", Map.of("host", "(other)")))
                .isZero();
        assertThat(metrics.labelValues("diun_updates_pending_by_stack", "stack"))
                .containsExactly("(other)");
        assertThat(metrics.get("diun_updates_pending_by_stack", Map.of("stack", "(other)")))
                .isZero();
        // Slow queries may already have happened at startup on a busy machine: each store method is
        // there, whatever its count.
        assertThat(metrics.labelValues("diun_slow_queries_total", "statement"))
                .contains(
                        "UpdateQueries.summary",
                        "UpdateQueries.pendingGroups",
                        "UpdatesStore.acknowledge",
                        "TagsStore.create",
                        "TokensStore.create",
                        "AuditLog.record",
                        "EventPruner.pruneBatch");
        assertThat(metrics.names("diun_db_pool_"))
                .containsExactlyInAnyOrder(
                        "diun_db_pool_active", "diun_db_pool_idle", "diun_db_pool_waiting", "diun_db_pool_connections");
        String operations = Files.readString(ServerTools.BASEDIR.resolve("docs/operations.md"), StandardCharsets.UTF_8);
        assertThat(metrics.names("diun_"))
                .as("every metric is documented in docs/operations.md")
                .allSatisfy(name -> assertThat(operations)
                        .containsPattern(
                                java.util.regex.Pattern.quote("`" + name.replaceFirst("_(count|sum|max|mean)$", ""))
                                        + "[`{]"));

        assertPromtoolAccepts(text);
        Promtool.Check broken = Promtool.check("diun_broken{reason=\"x} 1\n");
        assertThat(broken.parsed())
                .as("promtool refuses a broken exposition: " + broken.output())
                .isFalse();
    }

    /** The series move with webhooks; host and stack labels come and go with their pending updates. */
    @Test
    @Order(2)
    void pendingGaugesAndCountersFollowWebhooks() throws Exception {
        String hostile = host + " \"quoted\" \\ back";
        String stack = "media\nline \"2\"";
        String image = "docker.io/library/metrics:latest";
        JsonObject metadata = Json.createObjectBuilder().add("stack", stack).build();
        assertThat(api.webhook(json(diun(hostile, image, "sha256:m1").add("metadata", metadata)))
                        .status())
                .isEqualTo(200);
        Reply stored = api.webhook(json(diun(hostile, image, "sha256:m2").add("metadata", metadata)));
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(api.webhook("{\"image\": ").status()).isEqualTo(400);
        assertThat(api.get("/api/updates?host=" + enc(hostile)).status()).isEqualTo(200);

        Map<String, String> byHost = Map.of("host", hostile);
        Map<String, String> byStack = Map.of("stack", "media line \"2\"");
        // A scrape may come while the new labels are being given their series: wait for both.
        Exposition metrics = metricsOnceTrue(
                m -> m.value("diun_updates_pending_by_host", byHost).isPresent()
                        && m.value("diun_updates_pending_by_stack", byStack).isPresent());

        assertThat(metrics.get("diun_webhooks_accepted_total")).isEqualTo(2);
        assertThat(metrics.get("diun_webhooks_rejected_total", Map.of("reason", "malformed")))
                .isEqualTo(1);
        assertThat(metrics.get("diun_ingest_micros_count")).isEqualTo(2);
        assertThat(metrics.get("diun_list_micros_count")).isEqualTo(1);
        assertThat(metrics.get("diun_updates_pending")).isEqualTo(1);
        assertThat(metrics.get("diun_updates_pending_by_host", byHost)).isEqualTo(1);
        assertThat(metrics.get("diun_updates_pending_by_host", Map.of("host", "(other)")))
                .isZero();
        assertThat(metrics.get("diun_updates_pending_by_stack", byStack))
                .as("a control character in a label value becomes a space")
                .isEqualTo(1);
        assertThat(metrics.get("diun_updates_pending_by_class", Map.of("version_class", "digest")))
                .isEqualTo(1);
        assertThat(metrics.get("diun_updates_pending_by_class", Map.of("version_class", "patch")))
                .isZero();
        assertPromtoolAccepts(api.get("/metrics").body());

        assertThat(api.post("/api/updates/" + idOf(stored) + "/acknowledge", null)
                        .status())
                .isEqualTo(200);
        Exposition after = metricsOnceTrue(
                m -> m.value("diun_updates_pending_by_host", byHost).isEmpty()
                        && m.value("diun_updates_pending_by_stack", byStack).isEmpty());

        assertThat(after.get("diun_updates_pending")).isZero();
        assertThat(after.labelValues("diun_updates_pending_by_stack", "stack")).containsExactly("(other)");
        assertThat(after.get("diun_updates_pending_by_class", Map.of("version_class", "digest")))
                .isZero();
    }

    /** /metrics once the condition holds; the pending gauges are counted again every few seconds. */
    Exposition metricsOnceTrue(java.util.function.Predicate<Exposition> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Exposition metrics = Exposition.parse(api.get("/metrics").body());
        while (!condition.test(metrics)) {
            assertThat(System.nanoTime()).as("the gauges within 30 s").isLessThan(deadline);
            Thread.sleep(500);
            metrics = Exposition.parse(api.get("/metrics").body());
        }
        return metrics;
    }

    /**
     * promtool parses the whole exposition and finds nothing to fault in the application's metrics but
     * what Payara's exporter writes: a histogram's {@code _mean} without a HELP line. Payara's own
     * metrics (camelCase names) are not ours to lint.
     */
    static void assertPromtoolAccepts(String exposition) {
        Promtool.Check check = Promtool.check(exposition);
        assertThat(check.parsed()).as("promtool: " + check.output()).isTrue();
        assertThat(check.problems())
                .filteredOn(problem -> problem.startsWith("diun_"))
                .as("promtool's lint of the application's metrics")
                .allMatch(problem -> problem.matches("diun_(ingest|list)_micros_mean no help text"));
    }

    /** POST, PUT and GET /webhook: what is stored, history, refusals, body limits, rollback, concurrency. */
    @Nested
    @Order(1)
    class Webhook {

        @Test
        void webhookStoresDiunNotificationSentWithoutContentType() {
            Reply reply = api.webhook(json(diun(host, "docker.io/library/nginx:latest", "sha256:a1")));

            assertThat(reply.status()).isEqualTo(200);
            JsonObject u = reply.json();
            assertThat(u.getJsonNumber("id").longValue()).isPositive();
            assertThat(u.getString("hostname")).isEqualTo(host);
            assertThat(u.getString("image")).isEqualTo("docker.io/library/nginx:latest");
            assertThat(u.getString("status")).isEqualTo("update");
            assertThat(u.getString("provider")).isEqualTo("docker");
            assertThat(u.getString("hubLink")).isEqualTo("https://hub.docker.com/_/nginx");
            assertThat(u.getString("mimeType")).isEqualTo("application/vnd.docker.distribution.manifest.list.v2+json");
            assertThat(u.getString("digest")).isEqualTo("sha256:a1");
            assertThat(u.getString("platform")).isEqualTo("linux/amd64");
            assertThat(u.getString("diunVersion")).isEqualTo("4.29.0");
            assertThat(u.getJsonObject("metadata").getString("ctn_names")).isEqualTo("web");
            assertThat(u.getInt("seenCount")).isEqualTo(1);
            assertThat(u.isNull("acknowledgedAt")).isTrue();
            assertThat(u.isNull("tag")).isTrue();
            assertThat(u.getString("firstSeen")).isEqualTo(u.getString("lastSeen"));
        }

        @Test
        void webhookStoresNineDigitFractionsAsUtcMicroseconds() {
            JsonObject u = api.webhook(json(diun(host, "docker.io/library/nginx:1", "sha256:a")))
                    .json();

            assertThat(u.getString("created")).isEqualTo("2024-05-01T08:20:30.123456Z");
            assertThat(u.getString("firstSeen")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?Z");
        }

        @Test
        void webhookAcceptsGetWithJsonBodyAsDiun432Sends() {
            Reply reply = api.send("GET", "/webhook", json(diun(host, "docker.io/library/redis:7", "sha256:r")), null);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().getString("image")).isEqualTo("docker.io/library/redis:7");
        }

        @Test
        void webhookAcceptsPutAndAWrongContentType() {
            Reply put =
                    api.send("PUT", "/webhook", json(diun(host, "docker.io/library/a:1", "sha256:1")), "text/plain");
            Reply form = api.send(
                    "POST",
                    "/webhook",
                    json(diun(host, "docker.io/library/b:1", "sha256:1")),
                    "application/x-www-form-urlencoded");

            assertThat(put.status()).isEqualTo(200);
            assertThat(form.status()).isEqualTo(200);
        }

        @Test
        void webhookAcceptsTheTestNotificationWithNullCreatedAndMetadata() {
            Reply reply = api.webhook(Notifications.testNotification(host).toString());

            assertThat(reply.status()).isEqualTo(200);
            JsonObject u = reply.json();
            assertThat(u.isNull("created")).isTrue();
            assertThat(u.isNull("metadata")).isTrue();
            assertThat(u.getString("hubLink")).isEmpty();
            assertThat(u.getString("image")).isEqualTo("docker.io/diun/testnotif:latest");
        }

        @Test
        void repeatedNotificationUpdatesTheSameRowAndAppendsHistory() {
            JsonObject first = api.webhook(json(diun(host, "docker.io/library/nginx:latest", "sha256:1")))
                    .json();
            JsonObject second = api.webhook(json(diun(host, "docker.io/library/nginx:latest", "sha256:2")
                            .add("status", "new")))
                    .json();

            assertThat(second.getJsonNumber("id")).isEqualTo(first.getJsonNumber("id"));
            assertThat(second.getInt("seenCount")).isEqualTo(2);
            assertThat(second.getString("status")).isEqualTo("new");
            assertThat(second.getString("digest")).isEqualTo("sha256:2");
            assertThat(second.getString("firstSeen")).isEqualTo(first.getString("firstSeen"));
            assertThat(Instant.parse(second.getString("lastSeen")))
                    .isAfterOrEqualTo(Instant.parse(first.getString("lastSeen")));
            JsonObject detail =
                    api.get("/api/updates/" + first.getJsonNumber("id")).json();
            assertThat(detail.getJsonArray("events")).hasSize(2);
            assertThat(detail.getJsonArray("events").getJsonObject(0).getString("digest"))
                    .isEqualTo("sha256:2");
            assertThat(api.get("/api/updates?host=" + host).json().getInt("total"))
                    .isEqualTo(1);
        }

        @Test
        void sameImageOnAnotherHostIsAnotherUpdate() {
            api.webhook(json(diun(host, "docker.io/library/nginx:latest", "sha256:1")));
            api.webhook(json(diun(host + "-b", "docker.io/library/nginx:latest", "sha256:1")));

            assertThat(api.get("/api/updates?host=" + host).json().getInt("total"))
                    .isEqualTo(1);
            assertThat(api.get("/api/updates?host=" + host + "-b").json().getInt("total"))
                    .isEqualTo(1);
        }

        @Test
        void newDigestReopensAnAcknowledgedUpdate() {
            long id = idOf(api.webhook(json(diun(host, "docker.io/library/nginx:latest", "sha256:old"))));
            api.post("/api/updates/" + id + "/acknowledge", null);

            JsonObject after = api.webhook(json(diun(host, "docker.io/library/nginx:latest", "sha256:new")))
                    .json();

            assertThat(after.isNull("acknowledgedAt")).isTrue();
        }

        @Test
        void sameDigestKeepsTheAcknowledgement() {
            long id = idOf(api.webhook(json(diun(host, "docker.io/library/nginx:latest", "sha256:same"))));
            String acknowledgedAt =
                    api.post("/api/updates/" + id + "/acknowledge", null).json().getString("acknowledgedAt");

            JsonObject after = api.webhook(json(diun(host, "docker.io/library/nginx:latest", "sha256:same")))
                    .json();

            assertThat(after.getString("acknowledgedAt")).isEqualTo(acknowledgedAt);
            assertThat(after.getInt("seenCount")).isEqualTo(2);
        }

        @Test
        void historyKeepsEachPayloadAsReceived() {
            JsonObject sent = diun(host, "docker.io/library/nginx:latest", "sha256:p")
                    .add("metadata", Json.createObjectBuilder().add("user_key", "ünïcødé ✓ \"quoted\""))
                    .add("extra_key", "kept")
                    .build();
            long id = idOf(api.webhook(sent.toString()));

            JsonObject event =
                    api.get("/api/updates/" + id).json().getJsonArray("events").getJsonObject(0);

            assertThat(event.getJsonObject("payload")).isEqualTo(sent);
            assertThat(event.getString("status")).isEqualTo("update");
            assertThat(event.getString("digest")).isEqualTo("sha256:p");
            assertThat(event.getString("receivedAt")).endsWith("Z");
        }

        @Test
        void malformedOrIncompleteNotificationsAreRefusedWithTheErrorShape() {
            assertError(api.webhook("{\"image\": "), 400);
            assertError(api.webhook("[1,2]"), 400);
            assertError(api.webhook(""), 400);
            assertError(api.webhook(json(diun(host, "x", "d").remove("image"))), 400);
            assertError(api.webhook(json(diun(host, "", "d"))), 400);
            assertError(api.webhook(json(diun(host, "x", "d").add("metadata", Json.createArrayBuilder()))), 400);
            assertError(api.webhook(json(diun(host, "x", "d").add("created", "yesterday"))), 400);
            assertError(api.webhook("{\"image\":\"a\",\"image\":\"b\"}"), 400);
            assertError(
                    api.sendRaw(
                            "POST",
                            "/webhook",
                            BodyPublishers.ofByteArray(new byte[] {'{', '"', (byte) 0xff, '"', '}'}),
                            null),
                    400);
            assertThat(api.get("/api/updates?host=" + host).json().getInt("total"))
                    .isZero();
        }

        @Test
        void bodiesOverOneMebibyteAreRefusedWith413() {
            String padding = "x".repeat(1024 * 1024);
            Reply reply = api.webhook(json(diun(host, "docker.io/library/big:1", "sha256:1")
                    .add("metadata", Json.createObjectBuilder().add("pad", padding))));

            assertError(reply, 413);
        }

        /** Every endpoint that takes a body, as method and path (ids of this test's own rows). */
        private List<String[]> bodyEndpoints(long update, long tag) {
            return List.of(
                    new String[] {"POST", "/webhook"},
                    new String[] {"PUT", "/webhook"},
                    new String[] {"GET", "/webhook"},
                    new String[] {"POST", "/api/tags"},
                    new String[] {"PATCH", "/api/tags/" + tag},
                    new String[] {"POST", "/api/tokens"},
                    new String[] {"POST", "/api/updates/acknowledge"},
                    new String[] {"PUT", "/api/updates/" + update + "/tag"});
        }

        @Test
        void everyEndpointThatTakesABodyRefusesOverOneMebibyteWith413ChunkedOrNot() throws Exception {
            long update = idOf(api.webhook(json(diun(host, "docker.io/library/big:1", "sha256:1"))));
            long tag = idOf(api.post("/api/tags", "{\"name\": \"" + host + "-t\"}"));
            // A JSON object of 1 MiB and a few bytes: every endpoint would refuse it with 400 otherwise.
            byte[] big = ("{\"name\": \"" + "x".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

            for (String[] endpoint : bodyEndpoints(update, tag)) {
                for (boolean chunked : new boolean[] {false, true}) {
                    RawReply reply = RawReply.send(base, endpoint[0], endpoint[1], big, chunked);
                    assertThat(reply.status())
                            .as(endpoint[0] + " " + endpoint[1] + (chunked ? " chunked" : " with Content-Length"))
                            .isEqualTo(413);
                    assertThat(reply.body()).contains("\"error\":\"payload too large\"");
                    assertThat(reply.headers()).containsIgnoringCase("connection: close");
                }
            }
            JsonObject stored = api.get("/api/updates/" + update).json();
            assertThat(stored.isNull("acknowledgedAt")).isTrue();
            assertThat(stored.isNull("tag")).isTrue();
            assertThat(api.get("/api/tags/" + tag).json().getString("name")).isEqualTo(host + "-t");
            assertThat(api.get("/api/tokens").array()).isEmpty();
            assertThat(api.get("/api/updates?host=" + host).json().getInt("total"))
                    .isEqualTo(1);
        }

        @Test
        void aBodyOfExactlyOneMebibyteIsReadAndJudgedOnItsContent() throws Exception {
            String open = "{\"name\": \"";
            byte[] exact =
                    (open + "x".repeat(1024 * 1024 - open.length() - 2) + "\"}").getBytes(StandardCharsets.UTF_8);
            assertThat(exact).hasSize(1024 * 1024);

            for (boolean chunked : new boolean[] {false, true}) {
                RawReply reply = RawReply.send(base, "POST", "/api/tags", exact, chunked);
                // Not refused for its size: the tag name is what is wrong with it.
                assertThat(reply.status()).as(reply.body()).isEqualTo(400);
                assertThat(reply.body()).doesNotContain("payload too large");
            }
        }

        @Test
        void aContentLengthShorterThanTheBodyReadsOnlyTheDeclaredBytes() throws Exception {
            byte[] notification =
                    json(diun(host, "docker.io/library/short:1", "sha256:1")).getBytes(StandardCharsets.UTF_8);
            byte[] rest = ("x".repeat(2 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8);
            try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(30_000);
                var out = socket.getOutputStream();
                out.write(("POST " + base.getPath().replaceAll("/$", "") + "/webhook HTTP/1.1\r\nHost: localhost\r\n"
                                + "Content-Length: " + notification.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(notification);
                try {
                    out.write(rest);
                } catch (java.io.IOException closedByServer) {
                    // the rest is not a request; the server may close before taking all of it
                }
                String answer = RawHttp.untilClosed(socket.getInputStream());
                // The declared bytes are the request; what follows is not HTTP and ends the connection.
                assertThat(answer).startsWith("HTTP/1.1 200");
                assertThat(answer).doesNotContain("HTTP/1.1 5");
            }
            assertThat(images("host=" + host)).containsExactly("docker.io/library/short:1");
        }

        @Test
        void aFailedTransactionLeavesNothingBehind() throws Exception {
            executeSql(failingEventTriggerSql());
            long id = idOf(api.webhook(json(diun(host, "docker.io/library/nginx:latest", "sha256:good"))));

            Reply failedUpdate = api.webhook(json(diun(host, "docker.io/library/nginx:latest", "sha256:rollback")));
            Reply failedInsert = api.webhook(json(diun(host, "docker.io/library/other:1", "sha256:rollback")));

            assertThat(failedUpdate.status()).isGreaterThanOrEqualTo(400);
            assertThat(failedInsert.status()).isGreaterThanOrEqualTo(400);
            assertThat(failedUpdate.body()).doesNotContain("Exception", "SQL", "sqlite", "postgres");
            JsonObject kept = api.get("/api/updates/" + id).json();
            assertThat(kept.getString("digest")).isEqualTo("sha256:good");
            assertThat(kept.getInt("seenCount")).isEqualTo(1);
            assertThat(kept.getJsonArray("events")).hasSize(1);
            assertThat(api.get("/api/updates?host=" + host).json().getInt("total"))
                    .isEqualTo(1);
        }

        @Test
        void fiftyConcurrentWebhooksForTenImagesAllSucceedWithExactCounts() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(50);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String image = "docker.io/library/app" + (i % 10) + ":latest";
                String body = json(diun(host, image, "sha256:" + (i % 10)));
                replies.add(pool.submit(() -> {
                    start.await();
                    return api.webhook(body);
                }));
            }
            start.countDown();
            Map<String, List<Integer>> seenCountsByImage = new java.util.TreeMap<>();
            for (Future<Reply> reply : replies) {
                assertThat(reply.get().status()).isEqualTo(200);
                JsonObject stored = reply.get().json();
                seenCountsByImage
                        .computeIfAbsent(stored.getString("image"), k -> new ArrayList<>())
                        .add(stored.getInt("seenCount"));
            }
            pool.shutdown();
            // Each reply shows the state after its own notification, however they were batched.
            assertThat(seenCountsByImage).hasSize(10);
            seenCountsByImage.values().forEach(counts -> assertThat(counts).containsExactlyInAnyOrder(1, 2, 3, 4, 5));

            JsonObject list =
                    api.get("/api/updates?host=" + host + "&limit=1000").json();
            assertThat(list.getInt("total")).isEqualTo(10);
            for (JsonValue item : list.getJsonArray("items")) {
                JsonObject u = item.asJsonObject();
                assertThat(u.getInt("seenCount")).isEqualTo(5);
                assertThat(api.get("/api/updates/" + u.getJsonNumber("id"))
                                .json()
                                .getJsonArray("events"))
                        .hasSize(5);
            }
        }

        @Test
        void valuesAtTheLimitsAreStoredAndReturnedIdentically() throws Exception {
            String image = "r.example/" + "\u4e00".repeat(338); // 10 + 1014 = 1024 bytes of UTF-8
            String hostname = host + "-" + "\u00e9".repeat((255 - host.length() - 1) / 2);
            assertThat(image.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
            assertThat(hostname.getBytes(StandardCharsets.UTF_8).length).isBetween(254, 255);
            String metadataValue = "m".repeat(64 * 1024 - "{\"k\":\"\"}".length()); // exactly 64 KiB serialized

            Reply first = api.webhook(Json.createObjectBuilder()
                    .add("image", image)
                    .add("hostname", hostname)
                    .add("status", "s".repeat(64))
                    .add("digest", "sha256:edge")
                    .add("created", "0001-01-01T00:30:00+00:30")
                    .add("metadata", Json.createObjectBuilder().add("k", metadataValue))
                    .build()
                    .toString());
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            long id = idOf(first);
            Reply last = api.webhook(Json.createObjectBuilder()
                    .add("image", "docker.io/library/late:1")
                    .add("hostname", host)
                    .add("created", "9999-12-31T23:59:59.999999999Z")
                    .build()
                    .toString());
            assertThat(last.status()).as(last.body()).isEqualTo(200);

            JsonObject detail = api.get("/api/updates/" + id).json();
            assertThat(detail.getString("image")).isEqualTo(image);
            assertThat(detail.getString("hostname")).isEqualTo(hostname);
            assertThat(detail.getString("status")).isEqualTo("s".repeat(64));
            assertThat(detail.getString("created")).isEqualTo("0001-01-01T00:00:00Z");
            assertThat(detail.getJsonObject("metadata").getString("k")).isEqualTo(metadataValue);
            assertThat(queryText("SELECT image FROM updates WHERE id = " + id)).isEqualTo(image);
            assertThat(queryText("SELECT hostname FROM updates WHERE id = " + id))
                    .isEqualTo(hostname);
            assertThat(last.json().getString("created")).isEqualTo("9999-12-31T23:59:59.999999Z");

            // The same values as filters find the rows, on the list and in bulk.
            Reply listed = api.get("/api/updates?sort=image&host=" + enc(hostname) + "&q=" + enc(image));
            assertThat(listed.status()).as(listed.body()).isEqualTo(200);
            JsonArray items = listed.json().getJsonArray("items");
            assertThat(items).hasSize(1);
            assertThat(items.getJsonObject(0).getString("created")).isEqualTo("0001-01-01T00:00:00Z");
            assertThat(images("host=" + host + "&sort=image")).containsExactly("docker.io/library/late:1");
            JsonObject lateRow = api.get("/api/updates?host=" + host)
                    .json()
                    .getJsonArray("items")
                    .getJsonObject(0);
            assertThat(lateRow.getString("created")).isEqualTo("9999-12-31T23:59:59.999999Z");
            Reply bulk = api.post(
                    "/api/updates/acknowledge",
                    Json.createObjectBuilder()
                            .add("host", hostname)
                            .add("q", image)
                            .build()
                            .toString());
            assertThat(bulk.json().getInt("acknowledged")).isEqualTo(1);

            // One byte more is refused on every backend.
            assertError(api.webhook("{\"image\": \"" + image + "x\"}"), 400);
            assertError(api.get("/api/updates?q=" + enc(image + "x")), 400);
        }
    }

    /** The list, an update's detail and history, deletion, the summary and the ETags of the reads. */
    @Nested
    @Order(2)
    class UpdateList {

        @Test
        void listFiltersByStateHostStatusAndImageText() {
            long nginx = idOf(api.webhook(json(diun(host, "docker.io/library/nginx:latest", "sha256:1"))));
            api.webhook(json(diun(host, "docker.io/library/Redis:7", "sha256:1").add("status", "new")));
            api.post("/api/updates/" + nginx + "/acknowledge", null);

            assertThat(images("host=" + host))
                    .containsExactlyInAnyOrder("docker.io/library/nginx:latest", "docker.io/library/Redis:7");
            assertThat(images("host=" + host + "&state=pending")).containsExactly("docker.io/library/Redis:7");
            assertThat(images("host=" + host + "&state=acknowledged"))
                    .containsExactly("docker.io/library/nginx:latest");
            assertThat(images("host=" + host + "&status=new")).containsExactly("docker.io/library/Redis:7");
            assertThat(images("host=" + host + "&q=REDIS")).containsExactly("docker.io/library/Redis:7");
            assertThat(images("host=" + host + "&q=x:l")).containsExactly("docker.io/library/nginx:latest");
            assertThat(images("host=" + host + "&q=%25")).isEmpty();
            assertThat(images("host=" + host + "&q=_")).isEmpty();
        }

        @Test
        void listSortsAndPages() {
            for (String name : List.of("b", "a", "c")) {
                api.webhook(json(diun(host, "docker.io/library/" + name + ":1", "sha256:1")));
            }

            assertThat(images("host=" + host))
                    .containsExactly("docker.io/library/c:1", "docker.io/library/a:1", "docker.io/library/b:1");
            assertThat(images("host=" + host + "&sort=image"))
                    .containsExactly("docker.io/library/a:1", "docker.io/library/b:1", "docker.io/library/c:1");
            JsonObject page = api.get("/api/updates?host=" + host + "&sort=image&limit=1&offset=1")
                    .json();
            assertThat(page.getInt("total")).isEqualTo(3);
            assertThat(page.getJsonArray("items")).hasSize(1);
            assertThat(page.getJsonArray("items").getJsonObject(0).getString("image"))
                    .isEqualTo("docker.io/library/b:1");
            assertThat(api.get("/api/updates?host=" + host + "&offset=5").json().getJsonArray("items"))
                    .isEmpty();
        }

        @Test
        void listSortsByHostname() {
            api.webhook(json(diun(host + "-z", "docker.io/library/x:1", "sha256:1")));
            api.webhook(json(diun(host + "-a", "docker.io/library/x:1", "sha256:1")));

            JsonArray items = api.get("/api/updates?q=library/x:1&sort=hostname&limit=1000")
                    .json()
                    .getJsonArray("items");
            List<String> hosts = items.stream()
                    .map(v -> v.asJsonObject().getString("hostname"))
                    .toList();
            assertThat(hosts).isSorted();
            assertThat(hosts.indexOf(host + "-a")).isLessThan(hosts.indexOf(host + "-z"));
        }

        @Test
        void listRefusesBadParameters() {
            for (String query : List.of(
                    "limit=0", "limit=1001", "limit=x", "offset=-1", "state=open", "sort=size", "tag=abc", "tag=-3")) {
                assertError(api.get("/api/updates?" + query), 400);
            }
            assertThat(api.get("/api/updates?limit=1000").status()).isEqualTo(200);
        }

        @Test
        void unknownOrMalformedUpdateIdsAre404() {
            assertError(api.get("/api/updates/999999999"), 404);
            assertError(api.get("/api/updates/abc"), 404);
            assertError(api.post("/api/updates/999999999/acknowledge", null), 404);
            assertError(api.delete("/api/updates/999999999"), 404);
        }

        @Test
        void theDetailHasTheNewestTwentyEventsAndTheHistoryIsPaged() {
            long id = 0;
            for (int i = 1; i <= 23; i++) {
                id = idOf(api.webhook(json(diun(host, "docker.io/library/many:1", "sha256:m" + i))));
            }

            JsonObject detail = api.get("/api/updates/" + id).json();
            assertThat(detail.getJsonNumber("eventCount").longValue()).isEqualTo(23);
            JsonArray events = detail.getJsonArray("events");
            assertThat(events).hasSize(20);
            assertThat(events.getJsonObject(0).getString("digest")).isEqualTo("sha256:m23");
            assertThat(events.getJsonObject(19).getString("digest")).isEqualTo("sha256:m4");

            JsonObject firstPage = api.get("/api/updates/" + id + "/events").json();
            assertThat(firstPage.keySet()).containsExactly("items", "total");
            assertThat(firstPage.getJsonArray("items")).isEqualTo(events);
            assertThat(firstPage.getInt("total")).isEqualTo(23);
            JsonObject rest =
                    api.get("/api/updates/" + id + "/events?offset=20&limit=10").json();
            assertThat(rest.getJsonArray("items").stream()
                            .map(e -> e.asJsonObject().getString("digest"))
                            .toList())
                    .containsExactly("sha256:m3", "sha256:m2", "sha256:m1");
            assertThat(rest.getInt("total")).isEqualTo(23);
            JsonObject beyond =
                    api.get("/api/updates/" + id + "/events?offset=100").json();
            assertThat(beyond.getJsonArray("items")).isEmpty();
            assertThat(beyond.getInt("total")).isEqualTo(23);
            assertThat(api.get("/api/updates/" + id + "/events?limit=100")
                            .json()
                            .getJsonArray("items"))
                    .hasSize(23);

            assertError(api.get("/api/updates/" + id + "/events?limit=101"), 400);
            assertError(api.get("/api/updates/" + id + "/events?page=2"), 400);
            assertError(api.get("/api/updates/999999999/events"), 404);
            assertError(api.get("/api/updates/abc/events"), 404);
        }

        @Test
        void deleteRemovesTheUpdateItsHistoryAndItsTag() {
            long id = idOf(api.webhook(json(diun(host, "docker.io/library/gone:1", "sha256:1"))));
            long tag = idOf(api.post("/api/tags", "{\"name\": \"" + host + "-del\"}"));
            api.put("/api/updates/" + id + "/tag", "{\"tagId\": " + tag + "}");

            assertThat(api.delete("/api/updates/" + id).status()).isEqualTo(204);

            assertError(api.get("/api/updates/" + id), 404);
            assertThat(api.get("/api/tags/" + tag).json().getInt("count")).isZero();
            JsonObject again = api.webhook(json(diun(host, "docker.io/library/gone:1", "sha256:1")))
                    .json();
            assertThat(again.getInt("seenCount")).isEqualTo(1);
            assertThat(api.get("/api/updates/" + idOf(again)).json().getJsonArray("events"))
                    .hasSize(1);
        }

        @Test
        void summaryCountsPendingAcknowledgedHostsAndLastReceived() {
            JsonObject before = api.get("/api/summary").json();
            long a = idOf(api.webhook(json(diun(host, "docker.io/library/a:1", "sha256:1"))));
            JsonObject last = api.webhook(json(diun(host, "docker.io/library/b:1", "sha256:1")))
                    .json();
            api.post("/api/updates/" + a + "/acknowledge", null);

            JsonObject after = api.get("/api/summary").json();

            assertThat(after.getInt("total") - before.getInt("total")).isEqualTo(2);
            assertThat(after.getInt("pending") - before.getInt("pending")).isEqualTo(1);
            assertThat(after.getInt("acknowledged") - before.getInt("acknowledged"))
                    .isEqualTo(1);
            assertThat(after.getInt("hosts") - before.getInt("hosts")).isEqualTo(1);
            // Pending excludes snoozed updates and Diun's test notifications: each count is its list's total.
            for (String state : List.of("pending", "snoozed", "ignored", "acknowledged", "all")) {
                assertThat(api.get("/api/updates?limit=1&state=" + state).json().getInt("total"))
                        .as(state)
                        .isEqualTo(after.getInt(state.equals("all") ? "total" : state));
            }
            assertThat(Instant.parse(after.getString("lastReceivedAt")))
                    .isAfterOrEqualTo(Instant.parse(last.getString("lastSeen")));
        }

        @Test
        void listSummaryAndHostsAnswer304UntilAWriteOfAnyKindMovesTheirETag() {
            long id = idOf(api.webhook(json(diun(host, "docker.io/library/etag:1", "sha256:1"))));
            long tag = idOf(api.post("/api/tags", "{\"name\": \"" + host + "-etag\"}"));
            List<String> reads = List.of("/api/updates?host=" + host, "/api/updates", "/api/summary", "/api/hosts");
            Map<String, Runnable> writes = new java.util.LinkedHashMap<>();
            writes.put("webhook", () -> api.webhook(json(diun(host, "docker.io/library/etag:1", "sha256:1"))));
            writes.put("acknowledge", () -> api.post("/api/updates/" + id + "/acknowledge", null));
            writes.put("re-open", () -> api.delete("/api/updates/" + id + "/acknowledge"));
            writes.put("assign tag", () -> api.put("/api/updates/" + id + "/tag", "{\"tagId\": " + tag + "}"));
            writes.put("rename tag", () -> api.patch("/api/tags/" + tag, "{\"name\": \"" + host + "-etag2\"}"));
            writes.put("delete tag", () -> api.delete("/api/tags/" + tag));
            writes.put("delete update", () -> api.delete("/api/updates/" + id));

            for (var write : writes.entrySet()) {
                Map<String, String> tags = new java.util.HashMap<>();
                for (String path : reads) {
                    Reply full = api.get(path);
                    String etag = full.header("ETag");
                    assertThat(etag).as(path).isNotNull();
                    assertThat(full.header("Cache-Control"))
                            .as(path)
                            .contains("private")
                            .contains("no-cache");
                    Reply same = ifNoneMatch(path, etag);
                    assertThat(same.status()).as(path).isEqualTo(304);
                    assertThat(same.body()).as(path).isEmpty();
                    assertThat(same.header("ETag")).as(path).isEqualTo(etag);
                    tags.put(path, etag);
                }

                write.getValue().run();

                for (String path : reads) {
                    Reply changed = ifNoneMatch(path, tags.get(path));
                    assertThat(changed.status())
                            .as(write.getKey() + ", then " + path)
                            .isEqualTo(200);
                    assertThat(changed.header("ETag")).as(path).isNotEqualTo(tags.get(path));
                    assertThat(changed.body()).as(path).isEqualTo(api.get(path).body());
                }
            }
            Reply afterAll = api.get("/api/updates?host=" + host + "&q=etag");
            assertThat(afterAll.json().getInt("total")).isZero();
            // Parameters are checked before the tag: a bad request stays a 400 even when nothing changed.
            assertError(ifNoneMatch("/api/updates?bogus=1", afterAll.header("ETag")), 400);
        }

        private Reply ifNoneMatch(String path, String etag) {
            return api.sendWithHeader("GET", path, null, null, "If-None-Match", etag);
        }
    }

    /** Acknowledging and re-opening one update, and in bulk by ids or by filter. */
    /** What each update is: the digest it replaced, the version jump, manifest lists, the class filter. */
    @Nested
    @Order(3)
    class WhatEachUpdateIs {

        private static final String NGINX = "docker.io/library/nginx:";

        private JsonObject stored(String image, String digest) {
            Reply reply = api.webhook(json(diun(host, image, digest).add("status", "new")));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            return reply.json();
        }

        private JsonObject update(String image) {
            JsonArray items = api.get("/api/updates?host=" + host + "&q=" + enc(image))
                    .json()
                    .getJsonArray("items");
            return items.stream()
                    .map(JsonValue::asJsonObject)
                    .filter(u -> u.getString("image").equals(image))
                    .findFirst()
                    .orElseThrow();
        }

        private String jump(String image) {
            JsonObject u = update(image);
            if (u.isNull("version")) {
                return null;
            }
            JsonObject v = u.getJsonObject("version");
            return v.getString("current") + " -> " + v.getString("latest") + " (" + v.getString("class") + ")";
        }

        @Test
        void aChangedDigestKeepsTheOneItReplacedAndWhenItWasLastSeen() {
            JsonObject first = stored(NGINX + "latest", "sha256:old");
            assertThat(first.isNull("previousDigest")).isTrue();
            assertThat(first.isNull("previousSeenAt")).isTrue();
            assertThat(first.isNull("version")).as("nothing changed yet").isTrue();
            assertThat(first.getBoolean("manifestList")).isTrue();
            JsonObject again = stored(NGINX + "latest", "sha256:old");
            assertThat(again.isNull("previousDigest"))
                    .as("the same digest again")
                    .isTrue();

            JsonObject changed = stored(NGINX + "latest", "sha256:new");

            assertThat(changed.getString("digest")).isEqualTo("sha256:new");
            assertThat(changed.getString("previousDigest")).isEqualTo("sha256:old");
            assertThat(changed.getString("previousSeenAt")).isEqualTo(again.getString("lastSeen"));
            assertThat(jump(NGINX + "latest")).isEqualTo("latest -> latest (digest)");
            assertThat(stored(NGINX + "latest", "sha256:new").getString("previousDigest"))
                    .as("seen again unchanged")
                    .isEqualTo("sha256:old");
            JsonObject single = api.webhook(json(diun(host, NGINX + "single", "sha256:s")
                            .add("mime_type", "application/vnd.oci.image.manifest.v1+json")))
                    .json();
            assertThat(single.getBoolean("manifestList")).isFalse();
        }

        @Test
        void aWatchRepoSeriesShowsEachVersionJumpByVersionOrderNotArrival() {
            stored(NGINX + "1.27.2", "sha256:a");
            stored(NGINX + "1.28.0", "sha256:c");
            JsonObject patch = stored(NGINX + "1.27.3", "sha256:b");
            stored(NGINX + "2.0.0", "sha256:d");
            stored(NGINX + "1.27.1", "sha256:0"); // older, arrives last
            stored(NGINX + "1.27", "sha256:e"); // another shape

            assertThat(patch.getJsonObject("version").getString("class"))
                    .as("the webhook's reply")
                    .isEqualTo("patch");
            assertThat(jump(NGINX + "1.27.1")).isNull();
            assertThat(jump(NGINX + "1.27.2")).isEqualTo("1.27.1 -> 1.27.2 (patch)");
            assertThat(jump(NGINX + "1.27.3")).isEqualTo("1.27.2 -> 1.27.3 (patch)");
            assertThat(jump(NGINX + "1.28.0")).isEqualTo("1.27.3 -> 1.28.0 (minor)");
            assertThat(jump(NGINX + "2.0.0")).isEqualTo("1.28.0 -> 2.0.0 (major)");
            assertThat(jump(NGINX + "1.27")).isNull();

            assertThat(images("host=" + host + "&class=patch"))
                    .containsExactlyInAnyOrder(NGINX + "1.27.2", NGINX + "1.27.3");
            assertThat(images("host=" + host + "&class=major")).containsExactly(NGINX + "2.0.0");
            assertThat(images("host=" + host + "&class=digest")).isEmpty();

            long middle = update(NGINX + "1.27.2").getJsonNumber("id").longValue();
            assertThat(api.delete("/api/updates/" + middle).status()).isEqualTo(204);
            assertThat(jump(NGINX + "1.27.3"))
                    .as("after the version it moved from went away")
                    .isEqualTo("1.27.1 -> 1.27.3 (patch)");
        }

        @Test
        void aSnoozedUpdateLeavesThePendingListUntilItIsUnsnoozedOrANewDigestArrives() {
            long id = idOf(stored(NGINX + "snoozed", "sha256:a"));
            JsonObject before = api.get("/api/summary").json();

            Reply snoozed = api.post("/api/updates/" + id + "/snooze", "{\"days\": 7}");

            assertThat(snoozed.status()).as(snoozed.body()).isEqualTo(200);
            Instant until = Instant.parse(snoozed.json().getString("snoozedUntil"));
            assertThat(until)
                    .isBetween(
                            Instant.now().plus(Duration.ofDays(7)).minusSeconds(60),
                            Instant.now().plus(Duration.ofDays(7)).plusSeconds(60));
            assertThat(images("host=" + host + "&state=pending")).isEmpty();
            assertThat(images("host=" + host + "&state=snoozed")).containsExactly(NGINX + "snoozed");
            JsonObject after = api.get("/api/summary").json();
            assertThat(after.getInt("snoozed") - before.getInt("snoozed")).isEqualTo(1);
            assertThat(after.getInt("pending") - before.getInt("pending")).isEqualTo(-1);
            assertThat(api.get("/api/hosts").array().stream()
                            .map(JsonValue::asJsonObject)
                            .filter(h -> h.getString("hostname").equals(host))
                            .findFirst()
                            .orElseThrow()
                            .getInt("pending"))
                    .isZero();

            assertThat(stored(NGINX + "snoozed", "sha256:a").getString("snoozedUntil"))
                    .as("the same digest again keeps the snooze")
                    .isEqualTo(snoozed.json().getString("snoozedUntil"));
            assertThat(stored(NGINX + "snoozed", "sha256:b").isNull("snoozedUntil"))
                    .as("a new digest ends it")
                    .isTrue();
            assertThat(images("host=" + host + "&state=pending")).containsExactly(NGINX + "snoozed");

            api.post(
                    "/api/updates/" + id + "/snooze",
                    "{\"until\": \"" + Instant.now().plus(Duration.ofHours(2)) + "\"}");
            Reply unsnoozed = api.delete("/api/updates/" + id + "/snooze");
            assertThat(unsnoozed.json().isNull("snoozedUntil")).isTrue();
            assertThat(images("host=" + host + "&state=pending")).containsExactly(NGINX + "snoozed");
            assertThat(api.get("/api/audit?limit=3").body()).contains("update.unsnooze", "update.snooze");
        }

        @Test
        void aSnoozeRefusesWhatItCannotMean() {
            long id = idOf(stored(NGINX + "refused", "sha256:a"));
            for (String body : List.of(
                    "{}",
                    "{\"days\": 0}",
                    "{\"days\": 3651}",
                    "{\"days\": 1.5}",
                    "{\"days\": 1, \"until\": \"2099-01-01T00:00:00Z\"}",
                    "{\"until\": \"2001-01-01T00:00:00Z\"}",
                    "{\"until\": \"tomorrow\"}",
                    "{\"for\": 3}")) {
                assertError(api.post("/api/updates/" + id + "/snooze", body), 400);
            }
            assertError(api.post("/api/updates/999999999/snooze", "{\"days\": 1}"), 404);
            assertThat(images("host=" + host + "&state=pending")).containsExactly(NGINX + "refused");
        }

        @Test
        void aSnoozeWhoseTimeHasComeEndsByItselfWithinAMinute() throws Exception {
            long id = idOf(stored(NGINX + "short", "sha256:a"));
            api.post(
                    "/api/updates/" + id + "/snooze",
                    "{\"until\": \"" + Instant.now().plusSeconds(2) + "\"}");
            assertThat(images("host=" + host + "&state=pending")).isEmpty();

            long deadline = System.nanoTime() + Duration.ofSeconds(75).toNanos();
            while (images("host=" + host + "&state=pending").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
            }

            assertThat(images("host=" + host + "&state=pending")).containsExactly(NGINX + "short");
            assertThat(update(NGINX + "short").isNull("snoozedUntil")).isTrue();
        }

        @Test
        void diunsTestNotificationIsRecognisedAndNeverPending() {
            JsonObject before = api.get("/api/summary").json();
            JsonObject test =
                    api.webhook(Notifications.testNotification(host).toString()).json();

            assertThat(test.getBoolean("testNotification")).isTrue();
            assertThat(images("host=" + host + "&state=pending")).isEmpty();
            assertThat(images("host=" + host + "&state=all")).containsExactly("docker.io/diun/testnotif:latest");
            JsonObject after = api.get("/api/summary").json();
            assertThat(after.getInt("pending")).isEqualTo(before.getInt("pending"));
            assertThat(after.getJsonObject("lastTestNotification").getString("hostname"))
                    .isEqualTo(host);
            assertThat(after.getJsonObject("lastTestNotification").getString("at"))
                    .isEqualTo(test.getString("lastSeen"));
            assertThat(stored(NGINX + "real", "sha256:a").getBoolean("testNotification"))
                    .isFalse();
        }

        @Test
        void releaseNotesLinksAreDerivedFromTheImageNameWhereTheMappingIsKnown() {
            assertThat(stored("ghcr.io/linuxserver/sonarr:4.0.10.2544-ls250", "sha256:a")
                            .getString("releaseNotesUrl"))
                    .isEqualTo("https://github.com/linuxserver/docker-sonarr/releases/tag/4.0.10.2544-ls250");
            assertThat(stored(NGINX + "1.27.3", "sha256:a").getString("releaseNotesUrl"))
                    .isEqualTo("https://github.com/docker-library/official-images/blob/master/library/nginx");
            assertThat(stored("quay.io/prometheus/node-exporter:v1.8.2", "sha256:a")
                            .getString("releaseNotesUrl"))
                    .isEqualTo("https://quay.io/repository/prometheus/node-exporter?tab=tags");
            JsonObject own = api.webhook(json(diun(host, "registry.example.com/team/app:1.0", "sha256:a")
                            .add("hub_link", "")))
                    .json();
            assertThat(own.isNull("releaseNotesUrl"))
                    .as("a registry of one's own")
                    .isTrue();
            assertThat(update("ghcr.io/linuxserver/sonarr:4.0.10.2544-ls250").getString("releaseNotesUrl"))
                    .as("the list says the same")
                    .startsWith("https://github.com/linuxserver/docker-sonarr/releases");
        }

        @Test
        void imagesBuiltWithinMaturityDaysAreSettlingAndOlderOnesMature() {
            String recent = Instant.now().minus(Duration.ofDays(2)).toString();
            JsonObject settling = api.webhook(
                            json(diun(host, NGINX + "fresh", "sha256:a").add("created", recent)))
                    .json();
            JsonObject mature = stored(NGINX + "old", "sha256:a"); // built 2024-05-01
            JsonObject unknown = api.webhook(
                            json(diun(host, NGINX + "unknown", "sha256:a").addNull("created")))
                    .json();

            assertThat(settling.getString("maturity")).isEqualTo("settling");
            assertThat(mature.getString("maturity")).isEqualTo("mature");
            assertThat(unknown.isNull("maturity")).as("no build time").isTrue();
            assertThat(images("host=" + host + "&maturity=settling")).containsExactly(NGINX + "fresh");
            assertThat(images("host=" + host + "&maturity=mature")).containsExactly(NGINX + "old");
            assertError(api.get("/api/updates?maturity=ripe"), 400);

            JsonObject off = login.webhook(
                            json(diun(host, NGINX + "fresh", "sha256:a").add("created", recent)))
                    .json();
            assertThat(off.isNull("maturity")).as("MATURITY_DAYS unset").isTrue();
            Reply refused = login.get("/api/updates?maturity=settling");
            assertError(refused, 400);
            assertThat(refused.body()).contains("MATURITY_DAYS");
        }

        @Test
        void theStackComesFromTheMetadataAndTheListGroupsByStackHostOrTag() {
            api.webhook(json(diun(host, "docker.io/library/sonarr:4", "sha256:a")
                    .add(
                            "metadata",
                            Json.createObjectBuilder().add("stack", "media").add("ctn_names", "sonarr"))));
            api.webhook(json(diun(host, "registry.k8s.io/coredns:1.11", "sha256:a")
                    .add("provider", "kubernetes")
                    .add(
                            "metadata",
                            Json.createObjectBuilder()
                                    .add("pod_namespace", "kube-system")
                                    .add("pod_name", "coredns-7db6d8ff4d-x2x9k"))));
            JsonObject plain = stored(NGINX + "plain", "sha256:a");
            assertThat(plain.isNull("stack")).isTrue();
            assertThat(update("docker.io/library/sonarr:4").getString("stack")).isEqualTo("media");
            assertThat(images("host=" + host + "&stack=media")).containsExactly("docker.io/library/sonarr:4");

            JsonObject byStack = api.get("/api/updates?host=" + host + "&group=stack&sort=image")
                    .json();

            assertThat(byStack.getInt("total")).isEqualTo(3);
            assertThat(byStack.containsKey("items")).isFalse();
            List<String> groups = byStack.getJsonArray("groups").stream()
                    .map(JsonValue::asJsonObject)
                    .map(g -> (g.isNull("key") ? "null" : g.getString("key")) + "|" + g.getString("label") + "|"
                            + g.getInt("count") + "|"
                            + g.getJsonArray("items").stream()
                                    .map(i -> i.asJsonObject().getString("image"))
                                    .toList())
                    .toList();
            assertThat(groups)
                    .containsExactly(
                            "kube-system|kube-system|1|[registry.k8s.io/coredns:1.11]",
                            "media|media|1|[docker.io/library/sonarr:4]",
                            "null|(no stack)|1|[" + NGINX + "plain]");

            long tag = idOf(api.post("/api/tags", "{\"name\": \"" + host + "-g\"}"));
            api.put("/api/updates/" + idOf(plain) + "/tag", "{\"tagId\": " + tag + "}");
            JsonArray byTag = api.get("/api/updates?host=" + host + "&group=tag&limit=1")
                    .json()
                    .getJsonArray("groups");
            assertThat(byTag.getJsonObject(0).getString("key")).isEqualTo(String.valueOf(tag));
            assertThat(byTag.getJsonObject(0).getString("label")).isEqualTo(host + "-g");
            assertThat(byTag.getJsonObject(0).getJsonArray("items")).hasSize(1);
            assertThat(byTag.getJsonObject(1).getString("key")).isEqualTo("none");
            assertThat(byTag.getJsonObject(1).getInt("count")).isEqualTo(2);
            assertThat(byTag.getJsonObject(1).getJsonArray("items"))
                    .as("past the page's limit")
                    .isEmpty();
            assertThat(api.get("/api/updates?host=" + host + "&group=host")
                            .json()
                            .getJsonArray("groups"))
                    .hasSize(1);
            assertError(api.get("/api/updates?group=image"), 400);

            Reply acknowledged =
                    api.post("/api/updates/acknowledge", "{\"stack\": \"media\", \"host\": \"" + host + "\"}");
            assertThat(acknowledged.json().getInt("acknowledged")).isEqualTo(1);
            assertThat(images("host=" + host + "&state=pending"))
                    .containsExactlyInAnyOrder("registry.k8s.io/coredns:1.11", NGINX + "plain");
        }

        @Test
        void ignoreRulesKeepMatchingUpdatesOutOfPendingAndApplyToWhatIsStored() {
            stored(NGINX + "1.27.2", "sha256:a");
            stored(NGINX + "1.27.3", "sha256:b");
            stored(NGINX + "1.28.0", "sha256:c");
            stored("docker.io/library/redis:7", "sha256:r");
            JsonObject before = api.get("/api/summary").json();
            String body = "{\"image\": \"docker.io/library/nginx\", \"host\": \"" + host + "\", \"class\": \"%s\"}";

            Reply created = api.post("/api/rules", body.formatted("patch"));

            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long rule = idOf(created);
            assertThat(created.header("Location")).endsWith("/api/rules/" + rule);
            assertThat(created.json().getInt("ignoring")).as("1.27.2 -> 1.27.3").isEqualTo(1);
            assertThat(update(NGINX + "1.27.3").getJsonNumber("ignoredBy").longValue())
                    .isEqualTo(rule);
            assertThat(images("host=" + host + "&state=pending"))
                    .containsExactlyInAnyOrder(NGINX + "1.27.2", NGINX + "1.28.0", "docker.io/library/redis:7");
            assertThat(images("host=" + host + "&state=ignored")).containsExactly(NGINX + "1.27.3");
            JsonObject after = api.get("/api/summary").json();
            assertThat(after.getInt("ignored") - before.getInt("ignored")).isEqualTo(1);
            assertThat(after.getInt("pending") - before.getInt("pending")).isEqualTo(-1);

            JsonObject landed = stored(NGINX + "1.28.1", "sha256:d");
            assertThat(landed.getJsonNumber("ignoredBy").longValue())
                    .as("ignored as it lands")
                    .isEqualTo(rule);
            assertThat(api.get("/api/updates/" + idOf(landed)).json().getInt("eventCount"))
                    .as("and kept in the history")
                    .isEqualTo(1);

            Reply replaced = api.patch("/api/rules/" + rule, body.formatted("minor"));
            assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
            assertThat(images("host=" + host + "&state=ignored")).containsExactly(NGINX + "1.28.0");
            assertThat(api.get("/api/rules").array().stream()
                            .map(JsonValue::asJsonObject)
                            .filter(r -> r.getJsonNumber("id").longValue() == rule)
                            .findFirst()
                            .orElseThrow()
                            .getString("class"))
                    .isEqualTo("minor");

            assertThat(api.delete("/api/rules/" + rule).status()).isEqualTo(204);
            assertThat(images("host=" + host + "&state=ignored")).isEmpty();
            assertThat(update(NGINX + "1.28.0").isNull("ignoredBy")).isTrue();
            assertThat(api.get("/api/audit?limit=3").body()).contains("rule.delete", "rule.update", "rule.create");

            for (String refused : List.of(
                    "{}",
                    "{\"image\": \"\"}",
                    "{\"class\": \"huge\"}",
                    "{\"image\": 3}",
                    "{\"image\": \"" + "x".repeat(501) + "\"}",
                    "{\"host\": \"a\\u0007b\"}",
                    "{\"images\": \"nginx\"}")) {
                assertError(api.post("/api/rules", refused), 400);
            }
            assertError(api.patch("/api/rules/999999999", body.formatted("patch")), 404);
            assertError(api.delete("/api/rules/999999999"), 404);
        }

        @Test
        void linkTemplatesGiveReleaseNotesLinksToStoredAndArrivingUpdates() {
            String repository = "registry.example.com/" + host + "/app";
            Function<String, JsonObject> stored = image -> {
                Reply reply = api.webhook(json(diun(host, image, "sha256:" + image.hashCode())
                        .add("status", "new")
                        .add("hub_link", "")));
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                return reply.json();
            };
            JsonObject before = stored.apply(repository + ":1.4.2");
            assertThat(before.isNull("releaseNotesUrl"))
                    .as("no mapping is known")
                    .isTrue();
            String body = "{\"image\": \"registry.example.com/" + host + "/*\", \"template\":"
                    + " \"https://git.example.com/{owner}/{repo}/releases/tag/v{version}\"}";

            Reply created = api.post("/api/links", body);

            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long link = idOf(created);
            assertThat(created.header("Location")).endsWith("/api/links/" + link);
            assertThat(created.json().getString("template"))
                    .isEqualTo("https://git.example.com/{owner}/{repo}/releases/tag/v{version}");
            assertThat(update(repository + ":1.4.2").getString("releaseNotesUrl"))
                    .as("applied to what is stored")
                    .isEqualTo("https://git.example.com/" + host + "/app/releases/tag/v1.4.2");
            assertThat(stored.apply(repository + ":1.5.0-rc.1").getString("releaseNotesUrl"))
                    .as("and to what arrives")
                    .isEqualTo("https://git.example.com/" + host + "/app/releases/tag/v1.5.0");
            assertThat(stored.apply(repository + ":latest").isNull("releaseNotesUrl"))
                    .as("{version} of a tag that is not a version gives no link")
                    .isTrue();

            Reply changed =
                    api.patch("/api/links/" + link, "{\"template\": \"https://notes.example.com/{repo}/{tag}\"}");
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            assertThat(changed.json().getString("image")).isEqualTo("registry.example.com/" + host + "/*");
            assertThat(update(repository + ":latest").getString("releaseNotesUrl"))
                    .isEqualTo("https://notes.example.com/app/latest");
            assertThat(api.get("/api/links").array().stream()
                            .map(JsonValue::asJsonObject)
                            .anyMatch(l -> l.getJsonNumber("id").longValue() == link))
                    .isTrue();

            for (String refused : List.of(
                    "{}",
                    "{\"image\": \"registry.example.com/x/*\"}",
                    "{\"image\": \"x\", \"template\": \"javascript:alert(1)\"}",
                    "{\"image\": \"x\", \"template\": \"ftp://example.com/{repo}\"}",
                    "{\"image\": \"x\", \"template\": \"https://{owner}.example.com/\"}",
                    "{\"image\": \"x\", \"template\": \"https://user@example.com/{repo}\"}",
                    "{\"image\": \"x\", \"template\": \"https://example.com/{digest}\"}",
                    "{\"image\": \"x\", \"template\": \"https://example.com/\\u0007\"}",
                    "{\"image\": \"x\", \"template\": 3}",
                    "{\"image\": \"x\", \"url\": \"https://example.com/\"}")) {
                assertError(api.post("/api/links", refused), 400);
            }
            assertError(api.patch("/api/links/" + link, "{\"template\": \"http:/no-host\"}"), 400);

            assertThat(api.delete("/api/links/" + link).status()).isEqualTo(204);
            assertThat(update(repository + ":1.4.2").isNull("releaseNotesUrl")).isTrue();
            assertError(api.delete("/api/links/" + link), 404);
            assertError(api.patch("/api/links/" + link, body), 404);
            assertThat(api.get("/api/audit?limit=3").body()).contains("link.delete", "link.update", "link.create");
        }

        @Test
        void aHostAliasNamesTheHostOnEveryUpdateWhileItsHostnameStays() {
            stored(NGINX + "alias", "sha256:a");
            String alias = "/api/hosts/" + enc(host) + "/alias";

            Reply set = api.put(alias, "{\"alias\": \"  Attic NAS \"}");

            assertThat(set.status()).as(set.body()).isEqualTo(200);
            assertThat(set.json().toString()).isEqualTo("{\"hostname\":\"" + host + "\",\"alias\":\"Attic NAS\"}");
            JsonObject u = update(NGINX + "alias");
            assertThat(u.getString("hostname")).isEqualTo(host);
            assertThat(u.getString("hostAlias")).isEqualTo("Attic NAS");
            assertThat(stored(NGINX + "arriving", "sha256:b").getString("hostAlias"))
                    .as("an update that arrives later")
                    .isEqualTo("Attic NAS");
            assertThat(api.get("/api/hosts").array().stream()
                            .map(JsonValue::asJsonObject)
                            .filter(h -> h.getString("hostname").equals(host))
                            .map(h -> h.getString("alias") + " " + h.getInt("total"))
                            .toList())
                    .containsExactly("Attic NAS 2");
            JsonObject group = api.get("/api/updates?host=" + host + "&group=host")
                    .json()
                    .getJsonArray("groups")
                    .getJsonObject(0);
            assertThat(group.getString("key") + " | " + group.getString("label") + " | " + group.getInt("count"))
                    .as("grouped under the alias, keyed by the hostname the filter takes")
                    .isEqualTo(host + " | Attic NAS | 2");

            assertThat(api.put(alias, "{\"alias\": \"Loft NAS\"}").status()).isEqualTo(200);
            assertThat(update(NGINX + "alias").getString("hostAlias")).isEqualTo("Loft NAS");
            for (String refused : List.of(
                    "{}",
                    "{\"alias\": \"\"}",
                    "{\"alias\": \"a\\u0007b\"}",
                    "{\"alias\": \"" + "x".repeat(101) + "\"}")) {
                assertError(api.put(alias, refused), 400);
            }
            assertError(api.put("/api/hosts/" + host + "-never-seen/alias", "{\"alias\": \"x\"}"), 404);

            assertThat(api.delete(alias).status()).isEqualTo(204);
            assertThat(update(NGINX + "alias").isNull("hostAlias")).isTrue();
            assertError(api.delete(alias), 404);
            assertThat(api.get("/api/audit?limit=4").body()).contains("host.unalias", "host.alias", "host " + host);
        }

        @Test
        void theSummaryCountsPendingUpdatesByClassAndTheListRefusesAnUnknownClass() {
            JsonObject before = api.get("/api/summary").json().getJsonObject("byClass");
            assertThat(before.keySet()).containsExactly("major", "minor", "patch", "digest", "other");
            stored(NGINX + "1.0.0", "sha256:a");
            long minor = idOf(stored(NGINX + "1.1.0", "sha256:b"));
            stored(NGINX + "1.2.0", "sha256:c");
            stored(NGINX + "2.0.0", "sha256:d");
            api.post("/api/updates/" + minor + "/acknowledge", null);

            JsonObject after = api.get("/api/summary").json().getJsonObject("byClass");

            assertThat(after.getInt("minor") - before.getInt("minor")).isEqualTo(1);
            assertThat(after.getInt("major") - before.getInt("major")).isEqualTo(1);
            assertThat(after.getInt("patch") - before.getInt("patch")).isZero();
            assertError(api.get("/api/updates?class=huge"), 400);
            assertError(api.get("/api/updates?class=MAJOR"), 400);
        }
    }

    @Nested
    @Order(4)
    class Acknowledgement {

        @Test
        void acknowledgeAndReopenOneUpdate() {
            long id = idOf(api.webhook(json(diun(host, "docker.io/library/nginx:latest", "sha256:1"))));

            JsonObject acked =
                    api.post("/api/updates/" + id + "/acknowledge", null).json();
            JsonObject again =
                    api.post("/api/updates/" + id + "/acknowledge", null).json();
            JsonObject reopened =
                    api.delete("/api/updates/" + id + "/acknowledge").json();

            assertThat(acked.isNull("acknowledgedAt")).isFalse();
            assertThat(again.getString("acknowledgedAt")).isEqualTo(acked.getString("acknowledgedAt"));
            assertThat(reopened.isNull("acknowledgedAt")).isTrue();
            assertThat(api.get("/api/updates/" + id).json().isNull("acknowledgedAt"))
                    .isTrue();
        }

        @Test
        void bulkAcknowledgeByIdsSkipsUnknownIds() {
            long a = idOf(api.webhook(json(diun(host, "docker.io/library/a:1", "sha256:1"))));
            long b = idOf(api.webhook(json(diun(host, "docker.io/library/b:1", "sha256:1"))));
            long c = idOf(api.webhook(json(diun(host, "docker.io/library/c:1", "sha256:1"))));

            Reply reply = api.post("/api/updates/acknowledge", "{\"ids\": [" + a + ", " + b + ", 999999999]}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().getInt("acknowledged")).isEqualTo(2);
            assertThat(images("host=" + host + "&state=pending")).containsExactly("docker.io/library/c:1");
            assertThat(c).isPositive();
        }

        @Test
        void bulkAcknowledgeByFilterAcknowledgesOnlyMatches() {
            api.webhook(json(diun(host, "docker.io/library/a:1", "sha256:1")));
            api.webhook(json(diun(host, "docker.io/library/b:1", "sha256:1").add("status", "new")));
            api.webhook(json(diun(host + "-other", "docker.io/library/a:1", "sha256:1")));

            Reply reply = api.post("/api/updates/acknowledge", "{\"host\": \"" + host + "\", \"status\": \"update\"}");

            assertThat(reply.json().getInt("acknowledged")).isEqualTo(1);
            assertThat(images("host=" + host + "&state=acknowledged")).containsExactly("docker.io/library/a:1");
            assertThat(images("host=" + host + "-other&state=pending")).containsExactly("docker.io/library/a:1");
        }

        @Test
        void bulkAcknowledgeRefusesBadBodies() {
            assertError(api.post("/api/updates/acknowledge", "{\"ids\": \"1\"}"), 400);
            assertError(api.post("/api/updates/acknowledge", "{\"ids\": [0]}"), 400);
            assertError(api.post("/api/updates/acknowledge", "{\"state\": \"nope\"}"), 400);
            assertError(api.post("/api/updates/acknowledge", "not json"), 400);
            assertError(api.post("/api/updates/acknowledge", "{}"), 400);
            assertError(api.post("/api/updates/acknowledge", "{\"idz\": [1]}"), 400);
            assertError(api.post("/api/updates/acknowledge", "{\"host\": \"\", \"q\": null}"), 400);
            assertError(api.post("/api/updates/acknowledge", "{\"state\": \"all\"}"), 400);
            assertError(api.post("/api/updates/acknowledge", "{\"host\": \"\\ud800\"}"), 400);
            assertThat(api.send("POST", "/api/updates/acknowledge", "{\"ids\":[1]}", "text/plain")
                            .status())
                    .isEqualTo(415);
        }
    }

    /** Creating, renaming, assigning and deleting tags. */
    @Nested
    @Order(5)
    class Tags {

        @Test
        void createTagAnswers201WithLocationAndRefusesDuplicatesAndEmptyNames() {
            String name = host + "-prod";
            Reply created = api.post("/api/tags", "{\"name\": \"" + name + "\"}");

            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().getString("name")).isEqualTo(name);
            assertThat(created.json().getInt("count")).isZero();
            String location = created.header("Location");
            assertThat(location).endsWith("/api/tags/" + idOf(created));
            assertThat(api.get(location.substring(location.indexOf("/api/")))
                            .json()
                            .getString("name"))
                    .isEqualTo(name);
            assertError(api.post("/api/tags", "{\"name\": \"" + name + "\"}"), 409);
            assertError(api.post("/api/tags", "{\"name\": \"  \"}"), 400);
            assertError(api.post("/api/tags", "{\"name\": 5}"), 400);
            assertError(api.post("/api/tags", "{}"), 400);
            assertError(api.post("/api/tags", "{\"name\": \"" + "n".repeat(101) + "\"}"), 400);
        }

        @Test
        void renameTag() {
            long id = idOf(api.post("/api/tags", "{\"name\": \"" + host + "-old\"}"));
            api.post("/api/tags", "{\"name\": \"" + host + "-taken\"}");

            Reply renamed = api.patch("/api/tags/" + id, "{\"name\": \"" + host + "-new\"}");

            assertThat(renamed.status()).isEqualTo(200);
            assertThat(renamed.json().getString("name")).isEqualTo(host + "-new");
            assertThat(api.patch("/api/tags/" + id, "{\"name\": \"" + host + "-new\"}")
                            .status())
                    .isEqualTo(200);
            assertError(api.patch("/api/tags/" + id, "{\"name\": \"" + host + "-taken\"}"), 409);
            assertError(api.patch("/api/tags/" + id, "{\"name\": \"\"}"), 400);
            assertError(api.patch("/api/tags/999999999", "{\"name\": \"x\"}"), 404);
        }

        @Test
        void assignFilterAndUnassignTags() {
            long nginx = idOf(api.webhook(json(diun(host, "docker.io/library/nginx:latest", "sha256:1"))));
            api.webhook(json(diun(host, "docker.io/library/redis:7", "sha256:1")));
            long tag = idOf(api.post("/api/tags", "{\"name\": \"" + host + "-web\"}"));

            JsonObject tagged = api.put("/api/updates/" + nginx + "/tag", "{\"tagId\": " + tag + "}")
                    .json();

            assertThat(tagged.getJsonObject("tag").getString("name")).isEqualTo(host + "-web");
            assertThat(tagged.getJsonObject("tag").getJsonNumber("id").longValue())
                    .isEqualTo(tag);
            assertThat(images("tag=" + tag)).containsExactly("docker.io/library/nginx:latest");
            assertThat(images("host=" + host + "&tag=none")).containsExactly("docker.io/library/redis:7");
            assertThat(tagCount(tag)).isEqualTo(1);

            JsonObject untagged = api.delete("/api/updates/" + nginx + "/tag").json();
            assertThat(untagged.isNull("tag")).isTrue();
            assertThat(tagCount(tag)).isZero();
        }

        @Test
        void assigningRefusesUnknownTagsUpdatesAndBadBodies() {
            long id = idOf(api.webhook(json(diun(host, "docker.io/library/nginx:latest", "sha256:1"))));
            long tag = idOf(api.post("/api/tags", "{\"name\": \"" + host + "-t\"}"));

            assertError(api.put("/api/updates/" + id + "/tag", "{\"tagId\": 999999999}"), 404);
            assertError(api.put("/api/updates/999999999/tag", "{\"tagId\": " + tag + "}"), 404);
            assertError(api.put("/api/updates/" + id + "/tag", "{\"tagId\": \"x\"}"), 400);
            assertError(api.put("/api/updates/" + id + "/tag", "{}"), 400);
        }

        @Test
        void deletingATagUnassignsItsImages() {
            long id = idOf(api.webhook(json(diun(host, "docker.io/library/nginx:latest", "sha256:1"))));
            long tag = idOf(api.post("/api/tags", "{\"name\": \"" + host + "-tmp\"}"));
            api.put("/api/updates/" + id + "/tag", "{\"tagId\": " + tag + "}");

            assertThat(api.delete("/api/tags/" + tag).status()).isEqualTo(204);

            assertThat(api.get("/api/updates/" + id).json().isNull("tag")).isTrue();
            assertError(api.get("/api/tags/" + tag), 404);
            assertError(api.delete("/api/tags/" + tag), 404);
        }
    }

    /** Health (readiness, liveness), metrics and the OpenAPI document. */
    @Nested
    @Order(6)
    class Operations {

        @Test
        void readinessReportsTheBackendAndARoundTripAndLivenessIsUp() {
            Reply ready = api.get("/health/ready");
            Reply live = api.get("/health/live");

            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            JsonObject database = check(ready.json(), "database");
            assertThat(database.getString("status")).isEqualTo("UP");
            assertThat(database.getJsonObject("data").getString("backend")).isEqualTo(backendName());
            assertThat(Double.parseDouble(database.getJsonObject("data").getString("roundTripMs")))
                    .isPositive()
                    .isLessThan(3000);
            assertThat(live.status()).as(live.body()).isEqualTo(200);
            assertThat(check(live.json(), "application").getString("status")).isEqualTo("UP");
        }

        @Test
        void metricsCountWebhooksByOutcomeAndRecordIngestListAndPool() {
            String accepted = "diun_webhooks_accepted_total{";
            String malformed = "diun_webhooks_rejected_total{mp_scope=\"application\",reason=\"malformed\"}";
            String ingest = "diun_ingest_micros_count{";
            String list = "diun_list_micros_count{";
            String metrics = api.get("/metrics").body();
            double accepted0 = metric(metrics, accepted);
            double malformed0 = metric(metrics, malformed);
            double ingest0 = metric(metrics, ingest);
            double list0 = metric(metrics, list);

            api.webhook(json(diun(host, "docker.io/library/metrics:1", "sha256:m1")));
            api.webhook(json(diun(host, "docker.io/library/metrics:2", "sha256:m2")));
            assertThat(api.webhook("{\"image\": ").status()).isEqualTo(400);
            assertThat(api.get("/api/updates?host=" + host).status()).isEqualTo(200);
            String after = api.get("/metrics").body();

            assertThat(metric(after, accepted) - accepted0).isEqualTo(2);
            assertThat(metric(after, malformed) - malformed0).isEqualTo(1);
            assertThat(metric(after, ingest) - ingest0).isEqualTo(2);
            assertThat(metric(after, list) - list0).isEqualTo(1);
            assertThat(metric(after, "diun_ingest_micros_max{")).isPositive();
            assertThat(metric(after, "diun_db_pool_connections{")).isPositive();
            assertThat(after).contains("diun_db_pool_active{", "diun_db_pool_idle{", "diun_db_pool_waiting{");
        }

        @Test
        void openApiDocumentsEveryEndpointWithSchemasAndExamples() {
            Reply reply = api.send("GET", "/openapi?format=JSON", null, null);

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonObject paths = reply.json().getJsonObject("paths");
            assertThat(paths.keySet())
                    .contains(
                            "/webhook",
                            "/api/updates",
                            "/api/updates/{id}",
                            "/api/updates/{id}/acknowledge",
                            "/api/updates/acknowledge",
                            "/api/updates/{id}/tag",
                            "/api/tags",
                            "/api/tags/{id}",
                            "/api/tokens",
                            "/api/tokens/{id}",
                            "/api/summary",
                            "/api/hosts",
                            "/api/audit",
                            "/api/stream");
            JsonObject webhook = paths.getJsonObject("/webhook");
            assertThat(webhook.keySet()).contains("get", "post", "put");
            JsonObject components = reply.json().getJsonObject("components");
            // The webhook's three methods share one documented body and one documented reply.
            for (String method : List.of("get", "post", "put")) {
                JsonObject operation = webhook.getJsonObject(method);
                assertThat(operation.getJsonObject("requestBody").getString("$ref"))
                        .isEqualTo("#/components/requestBodies/Notification");
                assertThat(operation.getJsonObject("responses").keySet()).contains("200", "400", "401", "413", "503");
                assertThat(operation
                                .getJsonObject("responses")
                                .getJsonObject("200")
                                .getString("$ref"))
                        .isEqualTo("#/components/responses/StoredUpdate");
            }
            assertThat(components
                            .getJsonObject("requestBodies")
                            .getJsonObject("Notification")
                            .toString())
                    .contains("docker.io/library/nginx:latest");
            assertThat(components
                            .getJsonObject("responses")
                            .getJsonObject("StoredUpdate")
                            .toString())
                    .contains("#/components/schemas/UpdateView", "seenCount", "acknowledgedAt", "sha256:");
            assertThat(components.getJsonObject("schemas").getJsonObject("UpdateView"))
                    .as("the stored update's schema")
                    .isNotNull();
            JsonObject post = webhook.getJsonObject("post");
            assertThat(post.getJsonObject("responses").getJsonObject("400").getString("$ref"))
                    .isEqualTo("#/components/responses/BadRequest");
            assertThat(components
                            .getJsonObject("responses")
                            .getJsonObject("BadRequest")
                            .toString())
                    .contains("#/components/schemas/ApiError", "'image' is missing");
            assertThat(components
                            .getJsonObject("schemas")
                            .getJsonObject("ApiError")
                            .toString())
                    .contains("error", "detail");
            // Every error reply of every operation points at a documented component.
            for (JsonValue path : paths.values()) {
                for (JsonValue operation : path.asJsonObject().values()) {
                    JsonObject responses = operation.asJsonObject().getJsonObject("responses");
                    for (JsonValue response : responses == null ? List.<JsonValue>of() : responses.values()) {
                        if (response.asJsonObject().containsKey("$ref")) {
                            String name =
                                    response.asJsonObject().getString("$ref").replace("#/components/responses/", "");
                            assertThat(components.getJsonObject("responses").keySet())
                                    .contains(name);
                        }
                    }
                }
            }
            assertThat(components.getJsonObject("schemas").keySet())
                    .contains("UpdateView", "UpdateDetail", "TagView", "TokenView", "Summary", "HostView", "ApiError");
        }
    }

    /**
     * The home-page dashboard configurations under docs/widgets: every field that each one shows is
     * in the real summary, with the kind of value the tool expects, so renaming a field fails here.
     */
    @Nested
    @Order(7)
    class Widgets {

        @Test
        void everyFieldTheWidgetSnippetsShowIsInTheSummary() throws Exception {
            assertThat(api.webhook(json(diun(host, "docker.io/library/widget:latest", "sha256:w")))
                            .status())
                    .isEqualTo(200);
            JsonObject summary = api.get("/api/summary").json();

            List<WidgetSnippets.Snippet> snippets = WidgetSnippets.all();

            assertThat(snippets)
                    .extracting(WidgetSnippets.Snippet::tool)
                    .containsExactly("Homepage", "Glance", "Homarr", "Dashy");
            for (WidgetSnippets.Snippet snippet : snippets) {
                assertThat(snippet.url()).as(snippet.tool()).isEqualTo("http://dashboard.example:8080/api/summary");
                assertThat(snippet.fields())
                        .as(snippet.tool() + " shows the pending count and more")
                        .hasSizeGreaterThanOrEqualTo(3)
                        .anySatisfy(f -> assertThat(f.path()).containsExactly("pending"));
                for (WidgetSnippets.Field field : snippet.fields()) {
                    assertFieldIn(summary, snippet.tool(), field);
                }
            }
        }

        @Test
        void theCheckFailsForAFieldTheSummaryDoesNotHave() {
            JsonObject summary = api.get("/api/summary").json();

            for (WidgetSnippets.Field renamed : List.of(
                    new WidgetSnippets.Field(List.of("pendingCount"), WidgetSnippets.Use.NUMBER),
                    new WidgetSnippets.Field(List.of("byClass", "majors"), WidgetSnippets.Use.NUMBER),
                    new WidgetSnippets.Field(List.of("pending", "count"), WidgetSnippets.Use.NUMBER),
                    new WidgetSnippets.Field(List.of("lastReceivedAt"), WidgetSnippets.Use.NUMBER))) {
                assertThatThrownBy(() -> assertFieldIn(summary, "test", renamed))
                        .as(renamed.toString())
                        .isInstanceOf(AssertionError.class);
            }
        }

        /** The field is in the summary and holds what the tool shows it as. */
        static void assertFieldIn(JsonObject summary, String tool, WidgetSnippets.Field field) {
            String what = tool + ": " + field + " in " + summary;
            JsonValue value = summary;
            for (String key : field.path()) {
                assertThat(value.getValueType()).as(what).isEqualTo(JsonValue.ValueType.OBJECT);
                value = value.asJsonObject().get(key);
                assertThat(value).as(what).isNotNull();
            }
            switch (field.use()) {
                case NUMBER -> assertThat(value.getValueType()).as(what).isEqualTo(JsonValue.ValueType.NUMBER);
                case TIME -> {
                    assertThat(value.getValueType()).as(what).isEqualTo(JsonValue.ValueType.STRING);
                    assertThat(Instant.parse(((JsonString) value).getString()))
                            .as(what)
                            .isAfter(Instant.now().minus(Duration.ofHours(1)));
                }
                case TEXT -> assertThat(value.getValueType()).as(what).isNotEqualTo(JsonValue.ValueType.NULL);
            }
        }
    }

    /** The same normalized output on every backend. */
    @Nested
    @Order(8)
    class TranscriptMatch {

        @Test
        void apiOutputMatchesTheRecordedTranscript() throws Exception {
            Transcript transcript = new Transcript(api, "transcript-" + host);
            String actual = transcript.record();
            String expected = new String(
                    getClass().getResourceAsStream("/contract/transcript.json").readAllBytes(), StandardCharsets.UTF_8);
            transcript.save(backendName());

            assertThat(actual).isEqualTo(expected.strip());
        }
    }

    /**
     * The error shape, security headers, the page, cross-site writes, and the hostile corpus, which runs
     * last here (after every test of the classes before) so that it sees no other test's writes.
     */
    @Nested
    @Order(9)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class ErrorsAndHeaders {

        @Test
        void unknownRoutesAndWrongMethodsAnswerWithTheErrorShape() {
            assertError(api.get("/api/nothing-here"), 404);
            assertError(api.send("PATCH", "/api/updates", "{}", "application/json"), 405);
            assertError(api.send("DELETE", "/webhook", null, null), 405);
        }

        @Test
        void responsesCarrySecurityHeaders() {
            Reply reply = api.get("/api/summary");

            assertThat(reply.header("Content-Security-Policy")).contains("script-src 'self'", "frame-ancestors 'none'");
            assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(reply.header("Referrer-Policy")).isEqualTo("same-origin");
        }

        @Test
        void dashboardPageIsServedAtTheRoot() {
            Reply page = api.get("/");

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.body()).contains("<title>DiunDashboard</title>", "assets/app.js");
            assertThat(api.get("/assets/app.js").status()).isEqualTo(200);
            assertThat(api.get("/assets/../WEB-INF/web.xml").status()).isEqualTo(404);
        }

        /** Browsers say where a write comes from; another site's is refused, scripts without the headers pass. */
        @Test
        void writesFromAnotherSiteAreRefusedAndChangeNothing() {
            long id = idOf(login.webhook(json(diun(host, "docker.io/library/csrf:1", "sha256:1"))));
            String ack = "/api/updates/" + id + "/acknowledge";
            for (String[] header : new String[][] {
                {"Sec-Fetch-Site", "cross-site"},
                {"Sec-Fetch-Site", "same-site"},
                {"Origin", "http://evil.example"},
                {"Origin", "null"}
            }) {
                Reply refused = login.sendWithHeader("POST", ack, null, null, header[0], header[1]);
                assertError(refused, 403);
                assertThat(refused.body()).contains("another site");
                assertError(
                        login.sendWithHeader("DELETE", "/api/updates/" + id, null, null, header[0], header[1]), 403);
                assertError(
                        login.sendWithHeader(
                                "POST",
                                "/webhook",
                                json(diun(host, "docker.io/library/csrf:2", "sha256:1")),
                                "text/plain",
                                header[0],
                                header[1]),
                        403);
            }
            assertError(
                    api.sendWithHeader(
                            "POST", "/api/tags", "{\"name\": \"x\"}", "text/plain", "Origin", "http://evil.example"),
                    403);
            assertThat(login.get("/api/updates/" + id).json().isNull("acknowledgedAt"))
                    .isTrue();
            assertThat(images("host=" + host, login)).containsExactly("docker.io/library/csrf:1");

            java.net.URI at = java.net.URI.create(login.url("/"));
            String own = at.getScheme() + "://" + at.getAuthority();
            assertThat(login.sendWithHeader("POST", ack, null, null, "Origin", own)
                            .status())
                    .isEqualTo(200);
            assertThat(login.sendWithHeader("DELETE", ack, null, null, "Sec-Fetch-Site", "same-origin")
                            .status())
                    .isEqualTo(200);
            assertThat(login.send("POST", ack, null, null).status())
                    .as("no browser headers: a script")
                    .isEqualTo(200);
        }

        @Test
        @Order(Integer.MAX_VALUE - 4)
        void everyHostileRequestIsRefusedWithItsExact4xxAndChangesNothing() throws Exception {
            String before = snapshot();
            String rowsBefore = databaseSnapshot();
            List<String> failures = new ArrayList<>();
            List<HostileCorpus.Case> cases = HostileCorpus.cases();
            java.util.Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
            int serverErrors = 0;
            for (HostileCorpus.Case c : cases) {
                // Token management needs login: its cases go to the login deployment.
                Api client = c.path().startsWith("/api/tokens") ? login : api;
                Reply reply = client.sendRaw(c.method(), c.path(), c.body(), c.contentType());
                byStatus.merge(reply.status(), 1, Integer::sum);
                if (reply.status() >= 500) {
                    serverErrors++;
                }
                String problem = null;
                if (reply.status() != c.expected()) {
                    problem = "status " + reply.status() + ", expected " + c.expected() + ": " + reply.body();
                } else if (reply.header("Content-Type") == null
                        || !reply.header("Content-Type").startsWith("application/json")) {
                    problem = "content type " + reply.header("Content-Type");
                } else if (!reply.body().matches("(?s)\\{\"error\":\".+\",\"detail\":\".*\"\\}")
                        || reply.body().matches("(?s).*(Exception|\\tat |org\\.|java\\.|SQL|sqlite|postgres).*")) {
                    problem = "body " + reply.body();
                }
                if (problem != null) {
                    failures.add(c.name() + ": " + problem);
                }
            }

            // A NUL in the URL is refused by the HTTP layer itself (400, no body) before the application.
            Reply nulInUrl = api.get("/assets/app.js%00.png");
            assertThat(nulInUrl.status()).isEqualTo(400);
            assertThat(nulInUrl.body()).doesNotContain("Exception", "\tat ");

            System.out.printf(
                    "hostile corpus on %s: %d requests, statuses %s, %d of 5xx, %d not as expected%n",
                    backendName(), cases.size(), byStatus, serverErrors, failures.size());
            failures.forEach(f -> System.out.println("  " + f));
            assertThat(cases).hasSizeGreaterThanOrEqualTo(170);
            assertThat(serverErrors).isZero();
            assertThat(failures).isEmpty();
            assertThat(databaseSnapshot()).isEqualTo(rowsBefore);
            assertThat(snapshot()).isEqualTo(before);
            assertThat(api.get("/health/ready").status()).isEqualTo(200);
        }

        private String snapshot() {
            return api.get("/api/summary").body()
                    + api.get("/api/tags").body()
                    + api.get("/api/audit?limit=1").json().getInt("total")
                    + api.get("/api/tokens").body()
                    + api.get("/api/updates?state=all&limit=1000").body()
                    + login.get("/api/tokens").body()
                    + login.get("/api/audit?limit=1").json().getInt("total");
        }

        /** Counts and sums over every row of every table, read from the database itself. */
        private String databaseSnapshot() throws Exception {
            StringBuilder b = new StringBuilder();
            for (String sql : List.of(
                    "SELECT CAST(count(*) AS text) || '/' || CAST(coalesce(sum(id), 0) AS text) || '/'"
                            + " || CAST(coalesce(sum(seen_count), 0) AS text) || '/' || CAST(count(acknowledged_at) AS text)"
                            + " || '/' || CAST(coalesce(sum(length(image) + length(hostname) + length(status)), 0) AS text)"
                            + " FROM updates",
                    "SELECT CAST(count(*) AS text) || '/' || CAST(coalesce(sum(id), 0) AS text) FROM events",
                    "SELECT CAST(count(*) AS text) || '/' || CAST(coalesce(sum(id + length(name)), 0) AS text) FROM tags",
                    "SELECT CAST(count(*) AS text) || '/' || CAST(coalesce(sum(update_id * 3 + tag_id), 0) AS text)"
                            + " FROM tag_assignments",
                    "SELECT CAST(count(*) AS text) || '/' || CAST(coalesce(sum(id), 0) AS text) || '/'"
                            + " || CAST(count(revoked_at) AS text) || '/' || CAST(count(last_used_at) AS text)"
                            + " FROM webhook_tokens",
                    "SELECT CAST(count(*) AS text) || '/' || CAST(coalesce(sum(id), 0) AS text) FROM audit_log")) {
                b.append(queryText(sql)).append(' ');
            }
            return b.toString();
        }
    }

    /**
     * Notification channels and their outbox, against receivers that check the request each service
     * documents and a real SMTP server. The deployments run with OUTBOX_RETRY_SECONDS=1,
     * OUTBOX_MAX_ATTEMPTS=3 and DASHBOARD_URL=https://diun.example.com.
     */
    @Nested
    @Order(10)
    class Channels {

        private static final Duration WAIT = Duration.ofSeconds(20);

        private long channel(String body) {
            Reply created = api.post("/api/channels", body);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.header("Location")).endsWith("/api/channels/" + idOf(created));
            return idOf(created);
        }

        private JsonObject test(long channel) {
            Reply reply = api.post("/api/channels/" + channel + "/test", null);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            return reply.json();
        }

        private JsonObject parse(String text) {
            return Json.createReader(new StringReader(text)).readObject();
        }

        private List<JsonObject> deliveries(long channel) {
            return api.get("/api/deliveries?channel=" + channel).json().getJsonArray("items").stream()
                    .map(JsonValue::asJsonObject)
                    .toList();
        }

        private JsonObject awaitDelivery(long channel, String state) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                List<JsonObject> d = deliveries(channel);
                if (!d.isEmpty() && d.get(0).getString("state").equals(state)) {
                    return d.get(0);
                }
                Thread.sleep(250);
            }
            throw new AssertionError("no " + state + " delivery: " + deliveries(channel));
        }

        @Test
        void aChannelIsCheckedStoredWithItsSecretMaskedAndAudited() throws Exception {
            String secret = "tk_" + UUID.randomUUID();
            long id = channel("{\"type\": \"ntfy\", \"name\": \"Phone " + host + "\", \"mode\": \"run\","
                    + " \"config\": {\"url\": \"https://ntfy.example.com\", \"topic\": \"t\", \"token\": \""
                    + secret + "\"}}");

            JsonObject shown = api.get("/api/channels").array().stream()
                    .map(JsonValue::asJsonObject)
                    .filter(c -> c.getJsonNumber("id").longValue() == id)
                    .findFirst()
                    .orElseThrow();
            assertThat(shown.getString("mode")).isEqualTo("run");
            assertThat(shown.getInt("windowSeconds")).isEqualTo(60);
            assertThat(shown.getJsonObject("config").getString("token")).isEqualTo("********");
            assertThat(api.get("/api/channels").body()).doesNotContain(secret);

            Reply changed = api.patch(
                    "/api/channels/" + id,
                    "{\"mode\": \"digest\", \"schedule\": {\"every\": \"week\", \"day\": \"monday\","
                            + " \"at\": \"08:00\", \"zone\": \"Europe/Berlin\"}, \"config\": {\"token\": \"********\"}}");
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            assertThat(changed.json().getJsonObject("schedule").getString("day"))
                    .isEqualTo("monday");
            assertThat(java.time.Instant.parse(changed.json().getString("nextDigestAt"))
                            .atZone(java.time.ZoneId.of("Europe/Berlin"))
                            .getDayOfWeek())
                    .isEqualTo(java.time.DayOfWeek.MONDAY);
            assertThat(queryText("SELECT config FROM channels WHERE id = " + id))
                    .as("the secret is kept when the mask comes back")
                    .contains(secret);
            assertThat(api.get("/api/audit?limit=5").body())
                    .contains("channel.update")
                    .doesNotContain(secret);

            for (String refused : List.of(
                    "{}",
                    "{\"type\": \"pager\", \"name\": \"x\", \"mode\": \"each\", \"config\": {}}",
                    "{\"type\": \"slack\", \"name\": \"x\", \"mode\": \"sometimes\", \"config\": {\"url\": \"https://h.example.com\"}}",
                    "{\"type\": \"slack\", \"name\": \"x\", \"mode\": \"each\"}",
                    "{\"type\": \"slack\", \"name\": \"x\", \"mode\": \"digest\", \"config\": {\"url\": \"https://h.example.com\"}}",
                    "{\"type\": \"slack\", \"name\": \"x\", \"mode\": \"each\", \"config\": {\"url\": \"file:///etc/passwd\"}}",
                    "{\"type\": \"slack\", \"name\": \"x\", \"mode\": \"run\", \"windowSeconds\": 1, \"config\": {\"url\": \"https://h.example.com\"}}",
                    "{\"type\": \"slack\", \"name\": \"x\", \"mode\": \"each\", \"filter\": {\"class\": \"huge\"}, \"config\": {\"url\": \"https://h.example.com\"}}",
                    "{\"type\": \"slack\", \"name\": \"x\", \"mode\": \"each\", \"color\": 1, \"config\": {\"url\": \"https://h.example.com\"}}",
                    "{\"type\": \"slack\", \"name\": \"x\", \"name\": \"y\", \"mode\": \"each\", \"config\": {\"url\": \"https://h.example.com\"}}")) {
                assertError(api.post("/api/channels", refused), 400);
            }
            assertError(api.patch("/api/channels/" + id, "{\"type\": \"slack\"}"), 400);
            assertThat(api.delete("/api/channels/" + id).status()).isEqualTo(204);
            assertError(api.delete("/api/channels/" + id), 404);
            assertError(api.post("/api/channels/" + id + "/test", null), 404);
        }

        @Test
        void sendTestReachesEachServiceWithTheRequestItDocuments() throws Exception {
            try (Receiver target = new Receiver()) {
                // Only this test's host: the channels must not take part in the other tests' webhooks.
                String name =
                        "\"name\": \"test " + host + "\", \"mode\": \"each\", \"filter\": {\"host\": \"" + host + "\"}";
                long ntfy = channel("{\"type\": \"ntfy\", " + name + ", \"config\": {\"url\": \"" + target.url("/ntfy")
                        + "\", \"topic\": \"diun\", \"token\": \"tk_1\"}}");
                assertThat(test(ntfy).getBoolean("delivered")).isTrue();
                Receiver.Request r = target.next(WAIT);
                assertThat(r.method() + " " + r.path()).isEqualTo("POST /ntfy/");
                assertThat(r.headers()).containsEntry("authorization", "Bearer tk_1");
                assertThat(parse(r.body()).getString("topic")).isEqualTo("diun");
                assertThat(parse(r.body()).getString("title")).startsWith("Test from DiunDashboard");
                assertThat(parse(r.body()).getString("click")).isEqualTo("https://diun.example.com");

                long gotify = channel("{\"type\": \"gotify\", " + name + ", \"config\": {\"url\": \""
                        + target.url("/gotify") + "\", \"token\": \"AbC\"}}");
                test(gotify);
                r = target.next(WAIT);
                assertThat(r.method() + " " + r.path()).isEqualTo("POST /gotify/message");
                assertThat(r.headers()).containsEntry("x-gotify-key", "AbC");
                assertThat(parse(r.body()).getJsonObject("extras").containsKey("client::display"))
                        .isTrue();

                long discord = channel("{\"type\": \"discord\", " + name + ", \"config\": {\"url\": \""
                        + target.url("/api/webhooks/1/abc") + "\"}}");
                test(discord);
                r = target.next(WAIT);
                assertThat(r.path()).isEqualTo("/api/webhooks/1/abc");
                assertThat(parse(r.body()).getJsonArray("embeds")).hasSize(1);
                assertThat(parse(r.body()).getJsonObject("allowed_mentions").getJsonArray("parse"))
                        .isEmpty();

                long slack = channel("{\"type\": \"slack\", " + name + ", \"config\": {\"url\": \""
                        + target.url("/services/T/B/X") + "\"}}");
                test(slack);
                r = target.next(WAIT);
                assertThat(parse(r.body())
                                .getJsonArray("blocks")
                                .getJsonObject(0)
                                .getString("type"))
                        .isEqualTo("header");
                assertThat(r.headers()).containsEntry("content-type", "application/json");

                long webhook = channel("{\"type\": \"webhook\", " + name + ", \"config\": {\"url\": \""
                        + target.url("/hook") + "\", \"method\": \"PUT\", \"headers\": {\"X-Key\": \"s3\"}}}");
                target.answer(418, "I'm a teapot", Map.of());
                JsonObject refused = test(webhook);
                assertThat(refused.getBoolean("delivered")).isFalse();
                assertThat(refused.getInt("status")).isEqualTo(418);
                assertThat(refused.getString("answer")).isEqualTo("418 I'm a teapot");
                r = target.next(WAIT);
                assertThat(r.method()).isEqualTo("PUT");
                assertThat(r.headers()).containsEntry("x-key", "s3");
                assertThat(parse(r.body()).getString("kind")).isEqualTo("test");
                assertThat(api.get("/api/channels").body())
                        .doesNotContain("s3\"")
                        .doesNotContain("/api/webhooks/1/abc");
                for (long id : List.of(ntfy, gotify, discord, slack, webhook)) {
                    assertThat(api.delete("/api/channels/" + id).status()).isEqualTo(204);
                }
            }
        }

        @Test
        void emailGoesThroughARealSmtpServer() throws Exception {
            try (SmtpReceiver smtp = new SmtpReceiver()) {
                long mail = channel("{\"type\": \"email\", \"name\": \"mail " + host + "\", \"mode\": \"each\","
                        + " \"filter\": {\"host\": \"" + host + "\"}, \"config\": {\"host\": \"127.0.0.1\", \"port\": "
                        + smtp.port() + ", \"security\": \"none\", \"from\": \"diun@example.com\","
                        + " \"to\": \"ops@example.com\"}}");

                assertThat(test(mail).getBoolean("delivered")).isTrue();
                assertThat(smtp.await("Subject: Test from DiunDashboard: mail " + host, WAIT))
                        .contains("To: ops@example.com")
                        .contains("DiunDashboard can reach this channel.");

                api.webhook(Notifications.json(diun(host, "docker.io/library/nginx:1.27.3", "sha256:m1")));
                assertThat(smtp.await("Subject: docker.io/library/nginx:1.27.3: update on " + host, WAIT))
                        .contains("https://diun.example.com");
                assertThat(awaitDelivery(mail, "sent").getString("lastAnswer")).contains("accepted by 127.0.0.1");
                api.delete("/api/channels/" + mail);
            }
        }

        @Test
        void aRunBecomesOneMessageWithWhatIsStillPendingWhenItIsSent() throws Exception {
            try (Receiver target = new Receiver()) {
                long run = channel("{\"type\": \"webhook\", \"name\": \"run " + host + "\", \"mode\": \"run\","
                        + " \"windowSeconds\": 5, \"filter\": {\"host\": \"" + host + "\"},"
                        + " \"config\": {\"url\": \"" + target.url("/run") + "\"}}");
                long nginx =
                        idOf(api.webhook(Notifications.json(diun(host, "docker.io/library/nginx:1.27.3", "sha256:a"))));
                api.webhook(Notifications.json(diun(host, "docker.io/library/redis:7.4", "sha256:a")));
                api.webhook(Notifications.json(diun(host, "docker.io/library/redis:7.4", "sha256:a")));
                api.webhook(Notifications.json(diun(host + "-other", "docker.io/library/redis:7.4", "sha256:a")));
                api.post("/api/updates/" + nginx + "/acknowledge", null);

                Receiver.Request message = target.next(WAIT);
                JsonObject body = parse(message.body());
                assertThat(body.getString("kind")).isEqualTo("run");
                assertThat(body.getString("title")).isEqualTo("1 update on " + host);
                assertThat(body.getJsonArray("updates").getJsonObject(0).getString("image"))
                        .as("acknowledged before it went out: not in it; the same digest again: once")
                        .isEqualTo("docker.io/library/redis:7.4");
                assertThat(target.maybeNext(Duration.ofSeconds(4)))
                        .as("one message per run")
                        .isNull();
                assertThat(awaitDelivery(run, "sent").getInt("attempts")).isEqualTo(1);
                api.delete("/api/channels/" + run);
            }
        }

        @Test
        void thirtyNotificationsFromThreeHostsAreThreeMessagesAndTheDigestListsWhatIsStillPending() throws Exception {
            try (Receiver target = new Receiver()) {
                String hosts = "{\"host\": \"" + host + "-*\"}";
                long run = channel("{\"type\": \"webhook\", \"name\": \"runs " + host + "\", \"mode\": \"run\","
                        + " \"windowSeconds\": 8, \"filter\": " + hosts + ", \"config\": {\"url\": \""
                        + target.url("/run") + "\"}}");
                for (int i = 0; i < 30; i++) {
                    Reply stored = api.webhook(Notifications.json(
                            diun(host + "-" + (i % 3), "docker.io/library/app" + i + ":1.0." + i, "sha256:r" + i)));
                    assertThat(stored.status()).isEqualTo(200);
                }
                Map<String, Integer> perHost = new java.util.TreeMap<>();
                for (int i = 0; i < 3; i++) {
                    JsonObject message = parse(target.next(WAIT).body());
                    assertThat(message.getString("kind")).isEqualTo("run");
                    perHost.put(
                            message.getJsonArray("updates").getJsonObject(0).getString("hostname"),
                            message.getJsonArray("updates").size());
                }
                assertThat(perHost)
                        .containsOnlyKeys(host + "-0", host + "-1", host + "-2")
                        .containsValues(10);
                assertThat(target.maybeNext(Duration.ofSeconds(3)))
                        .as("one message per host")
                        .isNull();
                api.delete("/api/channels/" + run);

                api.post("/api/updates/acknowledge", "{\"host\": \"" + host + "-1\"}");
                long digest = channel("{\"type\": \"webhook\", \"name\": \"digest " + host + "\", \"mode\":"
                        + " \"digest\", \"schedule\": {\"every\": \"day\", \"at\": \"08:00\", \"zone\": \"UTC\"},"
                        + " \"filter\": " + hosts + ", \"config\": {\"url\": \"" + target.url("/digest") + "\"}}");
                // The next morning, as far as the sender can tell.
                executeSql("UPDATE channels SET next_digest_at = '2000-01-01T00:00:00.000000Z' WHERE id = " + digest);
                JsonObject message = parse(target.next(WAIT).body());
                assertThat(message.getString("kind")).isEqualTo("digest");
                assertThat(message.getString("title")).isEqualTo("20 updates are pending");
                assertThat(message.getJsonArray("updates").stream()
                                .map(u -> u.asJsonObject().getString("hostname"))
                                .distinct()
                                .sorted()
                                .toList())
                        .as("what was acknowledged is not in it")
                        .containsExactly(host + "-0", host + "-2");
                assertThat(java.time.Instant.parse(api.get("/api/channels").array().stream()
                                .map(JsonValue::asJsonObject)
                                .filter(c -> c.getJsonNumber("id").longValue() == digest)
                                .findFirst()
                                .orElseThrow()
                                .getString("nextDigestAt")))
                        .as("and the next one is tomorrow's")
                        .isAfter(java.time.Instant.now());

                for (String h : List.of("-0", "-2")) {
                    api.post("/api/updates/acknowledge", "{\"host\": \"" + host + h + "\"}");
                }
                executeSql("UPDATE channels SET next_digest_at = '2000-01-01T00:00:00.000000Z' WHERE id = " + digest);
                assertThat(awaitDelivery(digest, "skipped").getString("lastAnswer"))
                        .isEqualTo("nothing it would tell of is pending");
                assertThat(target.maybeNext(Duration.ofSeconds(3)))
                        .as("an empty digest is not sent")
                        .isNull();
                api.delete("/api/channels/" + digest);
            }
        }

        @Test
        void aTargetThatIsDownGetsTheMessageOnceWhenItIsBackAndAFailedOneCanBeRetried() throws Exception {
            String retriedMetric = "diun_outbox_retried_total{channel_type=\"webhook\"";
            String sentMetric = "diun_outbox_sent_total{channel_type=\"webhook\"";
            String failedMetric = "diun_outbox_failed_total{channel_type=\"webhook\"";
            String before = api.get("/metrics").body();
            try (Receiver target = new Receiver()) {
                target.answer(503, "down", Map.of())
                        .answer(429, "slow down", Map.of("Retry-After", "3"))
                        .answer(200, "{\"id\":\"x\"}", Map.of());
                long each = channel("{\"type\": \"webhook\", \"name\": \"each " + host + "\", \"mode\": \"each\","
                        + " \"filter\": {\"host\": \"" + host + "\"}, \"config\": {\"url\": \""
                        + target.url("/each") + "\"}}");
                Reply stored =
                        api.webhook(Notifications.json(diun(host, "docker.io/library/nginx:1.27.4", "sha256:b")));
                assertThat(stored.status()).isEqualTo(200);

                Receiver.Request first = target.next(WAIT);
                Receiver.Request second = target.next(WAIT);
                Receiver.Request third = target.next(WAIT);
                assertThat(Duration.between(second.at(), third.at()))
                        .as("Retry-After: 3 is honoured")
                        .isGreaterThanOrEqualTo(Duration.ofMillis(2900));
                assertThat(first.body()).isEqualTo(third.body());
                JsonObject sent = awaitDelivery(each, "sent");
                assertThat(sent.getInt("attempts")).isEqualTo(3);
                assertThat(sent.getString("lastAnswer")).isEqualTo("200 {\"id\":\"x\"}");
                assertThat(target.maybeNext(Duration.ofSeconds(3)))
                        .as("sent once")
                        .isNull();
                String afterFirst = api.get("/metrics").body();
                assertThat(metric(afterFirst, retriedMetric) - metric(before, retriedMetric))
                        .isEqualTo(2);
                assertThat(metric(afterFirst, sentMetric) - metric(before, sentMetric))
                        .isEqualTo(1);

                for (int i = 0; i < 3; i++) {
                    target.answer(500, "broken " + i, Map.of());
                }
                api.webhook(Notifications.json(diun(host, "docker.io/library/nginx:1.27.5", "sha256:c")));
                JsonObject failed = awaitDelivery(each, "failed");
                assertThat(failed.getInt("attempts")).isEqualTo(3);
                assertThat(failed.getString("lastAnswer")).isEqualTo("500 broken 2");
                assertThat(metric(api.get("/metrics").body(), failedMetric) - metric(before, failedMetric))
                        .isEqualTo(1);
                assertThat(api.get("/api/deliveries?state=failed&channel=" + each)
                                .json()
                                .getInt("total"))
                        .isEqualTo(1);
                assertError(api.post("/api/deliveries/" + sent.getJsonNumber("id") + "/retry", null), 409);

                Reply retried = api.post("/api/deliveries/" + failed.getJsonNumber("id") + "/retry", null);
                assertThat(retried.status()).as(retried.body()).isEqualTo(200);
                assertThat(awaitDelivery(each, "sent").getJsonNumber("id")).isEqualTo(failed.getJsonNumber("id"));
                assertThat(api.get("/api/audit?limit=5").body()).contains("delivery.retry");
                assertError(api.get("/api/deliveries?state=lost"), 400);
                api.delete("/api/channels/" + each);
            }
        }
    }

    /** The audit log, on the login deployment, before the first token closes its webhook. */
    @Nested
    @Order(11)
    class Audit {

        @Test
        @Order(Integer.MAX_VALUE - 3)
        void theAuditLogRecordsEveryUserActionNewestFirst() {
            long before = login.get("/api/audit?limit=1").json().getInt("total");
            long id = idOf(login.webhook(json(diun(host, "docker.io/library/audited:1", "sha256:1"))));
            long other = idOf(login.webhook(json(diun(host, "docker.io/library/audited:2", "sha256:1"))));
            login.post("/api/updates/" + id + "/acknowledge", null);
            login.delete("/api/updates/" + id + "/acknowledge");
            login.post("/api/updates/acknowledge", "{\"ids\": [" + id + ", " + other + "]}");
            long tag = idOf(login.post("/api/tags", "{\"name\": \"" + host + "-a\"}"));
            login.patch("/api/tags/" + tag, "{\"name\": \"" + host + "-b\"}");
            login.put("/api/updates/" + id + "/tag", "{\"tagId\": " + tag + "}");
            login.delete("/api/updates/" + id + "/tag");
            login.delete("/api/tags/" + tag);
            long token = idOf(login.post("/api/tokens", "{\"name\": \"" + host + "\"}"));
            login.delete("/api/tokens/" + token);
            login.delete("/api/updates/" + other);

            JsonObject page = login.get("/api/audit?limit=11").json();
            List<String> actions = page.getJsonArray("items").stream()
                    .map(v -> v.asJsonObject().getString("action"))
                    .toList();
            assertThat(page.getInt("total") - before).isEqualTo(11);
            assertThat(actions)
                    .containsExactly(
                            "update.delete",
                            "token.revoke",
                            "token.create",
                            "tag.delete",
                            "update.untag",
                            "update.tag",
                            "tag.rename",
                            "tag.create",
                            "updates.acknowledge",
                            "update.reopen",
                            "update.acknowledge");
            JsonObject newest = page.getJsonArray("items").getJsonObject(0);
            assertThat(newest.getString("actor")).isEqualTo(System.getProperty("diun.it.dashboard-user"));
            assertThat(newest.getString("role")).isEqualTo("admin");
            assertThat(newest.getString("target")).isEqualTo("update " + other);
            assertThat(newest.getJsonObject("details").getString("image")).isEqualTo("docker.io/library/audited:2");
            JsonObject bulk = page.getJsonArray("items").getJsonObject(8);
            assertThat(bulk.getJsonObject("details").getInt("count")).isEqualTo(2);
            JsonObject rename = page.getJsonArray("items").getJsonObject(6);
            assertThat(rename.getJsonObject("details").getString("from")).isEqualTo(host + "-a");
            assertThat(login.get("/api/audit?limit=2&offset=1").json().getJsonArray("items"))
                    .hasSize(2);
            assertError(login.get("/api/audit?limit=0"), 400);
        }
    }

    /** The Atom feed, read by a real feed parser; on the login deployment, its feed tokens. */
    @Nested
    @Order(11)
    class Feed {

        private static final String NGINX = "docker.io/library/nginx:";

        private JsonObject parsed(Reply reply) throws Exception {
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.header("Content-Type")).startsWith("application/atom+xml");
            JsonObject feed = FeedParser.parse(reply.body());
            assertThat(feed.getInt("bozo")).as(feed.getString("problem")).isZero();
            assertThat(feed.getString("version")).isEqualTo("atom10");
            return feed;
        }

        private List<String> titles(JsonObject feed) {
            return feed.getJsonArray("entries").stream()
                    .map(e -> e.asJsonObject().getString("title"))
                    .toList();
        }

        @Test
        void aFeedReaderSeesThePendingUpdatesNewestFirstWithLinksAndCategories() throws Exception {
            api.webhook(json(diun(host, NGINX + "1.26.0", "sha256:a").add("status", "new")));
            api.webhook(json(diun(host, NGINX + "1.27.0", "sha256:b")));
            long done = idOf(api.webhook(json(diun(host, "docker.io/library/redis:7", "sha256:r"))));
            api.post("/api/updates/" + done + "/acknowledge", null);
            api.put("/api/hosts/" + enc(host) + "/alias", "{\"alias\": \"Attic <NAS> & co\"}");
            long other = idOf(api.webhook(json(diun(host + "-other", NGINX + "1.27.0", "sha256:b"))));

            JsonObject feed = parsed(api.get("/feed.atom?host=" + enc(host)));

            assertThat(titles(feed))
                    .containsExactly(
                            NGINX + "1.27.0: 1.26.0 → 1.27.0 on Attic <NAS> & co",
                            NGINX + "1.26.0: new image on Attic <NAS> & co");
            assertThat(feed.getString("title")).isEqualTo("DiunDashboard: Pending updates");
            assertThat(feed.getString("id")).endsWith("/feed.atom?host=" + enc(host));
            JsonObject newest = feed.getJsonArray("entries").getJsonObject(0);
            long newestId = idOf(api.get("/api/updates?host=" + enc(host) + "&q=" + enc(NGINX + "1.27.0"))
                    .json()
                    .getJsonArray("items")
                    .getJsonObject(0));
            assertThat(newest.getString("id")).isEqualTo("urn:diun-dashboard:update:" + newestId + ":sha256:b");
            assertThat(newest.getString("link"))
                    .as("at DASHBOARD_URL")
                    .startsWith("https://diun.example.com/?state=all&host=" + enc(host) + "&q=");
            assertThat(feed.getString("id")).startsWith("https://diun.example.com/feed.atom?");
            assertThat(newest.getJsonArray("tags").getValuesAs(jakarta.json.JsonString::getString))
                    .containsExactly(host, "minor");
            assertThat(newest.getString("summary"))
                    .contains("(minor)", "Attic <NAS> & co (" + host + ")", "Digest: sha256:b");
            assertThat(newest.getJsonArray("links").stream()
                            .map(l -> l.asJsonObject().getString("rel"))
                            .toList())
                    .contains("alternate", "via");

            // A new digest of the same image is a new entry; the whole list's filters narrow the feed.
            api.webhook(json(diun(host, NGINX + "1.27.0", "sha256:c")));
            assertThat(parsed(api.get("/feed.atom?host=" + enc(host) + "&class=minor"))
                            .getJsonArray("entries")
                            .getJsonObject(0)
                            .getString("id"))
                    .isEqualTo("urn:diun-dashboard:update:" + newestId + ":sha256:c");
            assertThat(titles(parsed(api.get("/feed.atom?host=" + enc(host) + "&state=acknowledged"))))
                    .containsExactly("docker.io/library/redis:7: update on Attic <NAS> & co");
            assertThat(titles(parsed(api.get("/feed.atom?host=" + enc(host) + "&limit=1"))))
                    .hasSize(1);
            assertThat(api.get("/feed.atom").body()).contains("urn:diun-dashboard:update:" + other + ":");
        }

        @Test
        void theFeedAnswersNotModifiedAndRefusesBadQueries() throws Exception {
            api.webhook(json(diun(host, NGINX + "etag", "sha256:e")));
            Reply first = api.get("/feed.atom?host=" + enc(host));
            assertThat(first.header("ETag")).isNotBlank();
            Reply again = api.sendWithHeader(
                    "GET", "/feed.atom?host=" + enc(host), null, null, "If-None-Match", first.header("ETag"));
            assertThat(again.status()).isEqualTo(304);
            api.webhook(json(diun(host, NGINX + "etag", "sha256:f")));
            Reply changed = api.sendWithHeader(
                    "GET", "/feed.atom?host=" + enc(host), null, null, "If-None-Match", first.header("ETag"));
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.body()).contains("sha256:f");

            assertError(api.get("/feed.atom?hots=x"), 400);
            assertError(api.get("/feed.atom?limit=0"), 400);
            assertError(api.get("/feed.atom?limit=201"), 400);
            assertError(api.get("/feed.atom?class=huge"), 400);
            assertError(api.post("/api/feed-tokens", "{\"name\": \"" + host + "\"}"), 403);
        }

        @Test
        void withLoginOnAFeedReaderNeedsAFeedTokenStoredOnlyAsAHash() throws Exception {
            Api anonymous = login.anonymous();
            login.webhook(json(diun(host, NGINX + "private", "sha256:p")));
            Reply refused = anonymous.get("/feed.atom?host=" + enc(host));
            assertError(refused, 401);
            assertThat(refused.header("WWW-Authenticate")).startsWith("Basic");
            String basic = Api.basic(
                    System.getProperty("diun.it.dashboard-user"), System.getProperty("diun.it.dashboard-password"));
            assertThat(titles(parsed(anonymous.sendWithHeader(
                            "GET", "/feed.atom?host=" + enc(host), null, null, "Authorization", basic))))
                    .containsExactly(NGINX + "private: update on " + host);

            Reply created = login.post("/api/feed-tokens", "{\"name\": \"reader " + host + "\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.header("Location")).endsWith("/api/feed-tokens/" + idOf(created));
            String token = created.json().getString("token");
            assertThat(loginQueryText("SELECT token_hash FROM feed_tokens WHERE id = " + idOf(created)))
                    .isEqualTo(sha256Hex(token));
            assertThat(login.get("/api/feed-tokens").body())
                    .contains("reader " + host)
                    .doesNotContain(token);

            JsonObject feed = parsed(anonymous.get("/feed.atom?host=" + enc(host) + "&token=" + token));
            assertThat(titles(feed)).containsExactly(NGINX + "private: update on " + host);
            assertThat(feed.toString())
                    .as("the token is not repeated in the feed")
                    .doesNotContain(token);
            assertThat(login.get("/api/feed-tokens").array().stream()
                            .map(JsonValue::asJsonObject)
                            .filter(t -> idOf(t) == idOf(created))
                            .findFirst()
                            .orElseThrow()
                            .isNull("lastUsedAt"))
                    .isFalse();
            assertError(anonymous.get("/feed.atom?token=" + token + "x"), 401);
            assertError(anonymous.get("/api/updates?token=" + token), 401);
            assertError(
                    anonymous.sendWithHeader("GET", "/api/updates", null, null, "Authorization", "Bearer " + token),
                    401);

            assertThat(login.delete("/api/feed-tokens/" + idOf(created)).status())
                    .isEqualTo(204);
            assertError(anonymous.get("/feed.atom?token=" + token), 401);
            assertError(login.delete("/api/feed-tokens/" + idOf(created)), 404);
            assertThat(login.get("/api/audit?limit=5").body()).contains("feed-token.create", "feed-token.revoke");
        }
    }

    /**
     * Who may do what: every operation of the OpenAPI document, called by each role on the login
     * deployment (the admin and the read-only user of password mode, and API tokens of each scope),
     * and with login off. Each operation's least role is written down here, so a new endpoint fails
     * this test until someone decides who may call it.
     */
    @Nested
    @Order(11)
    class Roles {

        private static final Map<String, String> LEAST_ROLE = LeastRoles.OF_OPERATION;

        /** Every operation of the OpenAPI document as "METHOD path". */
        private List<String> operations() {
            JsonObject paths =
                    api.send("GET", "/openapi?format=JSON", null, null).json().getJsonObject("paths");
            List<String> operations = new ArrayList<>();
            paths.forEach((path, item) -> item.asJsonObject().keySet().stream()
                    .filter(m ->
                            List.of("get", "put", "post", "delete", "patch").contains(m))
                    .forEach(m -> operations.add(m.toUpperCase(java.util.Locale.ROOT) + " " + path)));
            return operations;
        }

        /**
         * Calls the operation on ids that do not exist and with a body no operation accepts, so that
         * an allowed call changes nothing (it ends in 400 or 404), and a refused one is 401 or 403.
         */
        private Reply call(Api caller, String operation) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation
                    .substring(operation.indexOf(' ') + 1)
                    .replace("{id}", "999999999")
                    .replace("{hostname}", "no-such-host-" + host)
                    .replace("{name}", "no-such-asset.js");
            if (path.equals("/api/stream")) {
                return new Reply(streamStatus(caller), "", null);
            }
            String body = method.equals("GET") || method.equals("DELETE") ? null : "{\"unknown\": 1}";
            return caller.send(method, path, body, body == null ? null : "application/json");
        }

        /** The status a stream answers with, read as soon as it arrives; the stream is closed then. */
        private int streamStatus(Api caller) {
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(caller.url("/api/stream")))
                    .timeout(Duration.ofSeconds(30));
            if (caller.authorization() != null) {
                request.header("Authorization", caller.authorization());
            }
            try {
                java.net.http.HttpResponse<java.io.InputStream> response = java.net.http.HttpClient.newHttpClient()
                        .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
                response.body().close();
                return response.statusCode();
            } catch (java.io.IOException | InterruptedException e) {
                throw new AssertionError("the stream did not answer: " + e, e);
            }
        }

        private Api bearer(String scope) {
            Reply created = login.post(
                    "/api/api-tokens", "{\"name\": \"" + scope + " " + host + "\", \"scope\": \"" + scope + "\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            return new Api(loginBase, "Bearer " + created.json().getString("token"));
        }

        @Test
        void everyOperationAnswersEachRoleAsWrittenDown() {
            List<String> operations = operations();
            assertThat(operations)
                    .as("operations without a least role written down here")
                    .allMatch(LEAST_ROLE::containsKey);
            assertThat(LEAST_ROLE.keySet())
                    .as("operations gone from the document")
                    .allMatch(operations::contains);

            Map<String, Api> callers = new java.util.LinkedHashMap<>();
            callers.put(
                    "viewer (password)",
                    new Api(
                            loginBase,
                            Api.basic(
                                    System.getProperty("diun.it.viewer-user"),
                                    System.getProperty("diun.it.viewer-password"))));
            callers.put("admin (password)", login);
            callers.put("viewer (read token)", bearer("read"));
            callers.put("operator (write token)", bearer("write"));
            callers.put("admin (admin token)", bearer("admin"));
            List<String> unexpected = new ArrayList<>();
            int checked = 0;
            for (String operation : operations) {
                if (operation.endsWith(" /webhook")) {
                    continue; // no role: its own secret and tokens (the Webhook and Tokens tests)
                }
                String least = LEAST_ROLE.get(operation);
                for (Map.Entry<String, Api> caller : callers.entrySet()) {
                    String role = caller.getKey().substring(0, caller.getKey().indexOf(' '));
                    boolean allowed = LeastRoles.allows(role, operation);
                    int status = call(caller.getValue(), operation).status();
                    checked++;
                    if (allowed ? status == 401 || status == 403 : status != 403) {
                        unexpected.add(operation + " as " + caller.getKey() + ": " + status);
                    }
                }
                int anonymous = call(login.anonymous(), operation).status();
                int open = call(api, operation).status();
                checked += 2;
                if (!least.equals("anyone") && anonymous != 401) {
                    unexpected.add(operation + " without login: " + anonymous);
                }
                // With login off everyone is an admin, but tokens cannot be managed: they would open
                // nothing (403, or 400 first for this body no operation accepts).
                boolean tokenChange = !operation.startsWith("GET ") && operation.contains("tokens");
                if (tokenChange ? open < 400 : open == 401 || open == 403) {
                    unexpected.add(operation + " with login off: " + open);
                }
            }
            assertThat(unexpected).as("unexpected answers of " + checked).isEmpty();
        }

        @Test
        void theSessionSaysWhoAndWhichRoleAndTokensStayInTheirPlace() {
            JsonObject viewer = new Api(
                            loginBase,
                            Api.basic(
                                    System.getProperty("diun.it.viewer-user"),
                                    System.getProperty("diun.it.viewer-password")))
                    .get("/api/session")
                    .json();
            assertThat(viewer.getString("user")).isEqualTo(System.getProperty("diun.it.viewer-user"));
            assertThat(viewer.getString("role")).isEqualTo("viewer");
            assertThat(viewer.getString("mode")).isEqualTo("password");
            assertThat(login.get("/api/session").json().getString("role")).isEqualTo("admin");
            JsonObject open = api.get("/api/session").json();
            assertThat(open.isNull("user")).isTrue();
            assertThat(open.getString("role")).isEqualTo("admin");
            assertThat(open.getString("mode")).isEqualTo("none");

            Api writer = bearer("write");
            JsonObject token = writer.get("/api/session").json();
            assertThat(token.getString("role")).isEqualTo("operator");
            assertThat(token.getString("user")).contains("write " + host);
            long id = idOf(login.webhook(json(diun(host, "docker.io/library/nginx:roles", "sha256:1"))));
            assertThat(writer.post("/api/updates/" + id + "/acknowledge", null).status())
                    .isEqualTo(200);
            assertThat(login.get("/api/audit?limit=1")
                            .json()
                            .getJsonArray("items")
                            .getJsonObject(0)
                            .getString("actor"))
                    .isEqualTo("write " + host + " (API token)");
            assertError(writer.post("/api/tags", "{\"name\": \"" + host + "\"}"), 403);
            assertError(api.post("/api/api-tokens", "{\"name\": \"x\", \"scope\": \"read\"}"), 403);
            assertError(login.post("/api/api-tokens", "{\"name\": \"x\", \"scope\": \"root\"}"), 400);
            assertError(login.post("/api/api-tokens", "{\"name\": \"x\"}"), 400);
            List<JsonObject> listed = login.get("/api/api-tokens").array().stream()
                    .map(JsonValue::asJsonObject)
                    .filter(t -> t.getString("name").equals("write " + host))
                    .toList();
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).getString("scope")).isEqualTo("write");
            assertThat(listed.get(0).isNull("lastUsedAt")).isFalse();
            assertThat(listed.get(0).containsKey("token")).isFalse();
            assertThat(login.delete("/api/api-tokens/" + idOf(listed.get(0))).status())
                    .isEqualTo(204);
            assertError(writer.get("/api/session"), 401);
        }
    }

    /**
     * Webhook tokens. Token management needs login, so these run on the login deployment; once a token
     * exists its webhook requires one, so this class runs after every other.
     */
    @Nested
    @Order(12)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Tokens {

        @Test
        void withLoginOffTokensCanBeListedButNotCreatedOrRevoked() {
            String before = api.get("/api/tokens").body();
            Reply create = api.post("/api/tokens", "{\"name\": \"" + host + "\"}");
            assertError(create, 403);
            assertThat(create.json().getString("detail")).contains("DASHBOARD_USER", "WEBHOOK_SECRET");
            assertError(api.delete("/api/tokens/1"), 403);
            assertThat(api.get("/api/tokens").status()).isEqualTo(200);
            assertThat(api.get("/api/tokens").body()).isEqualTo(before);
            Reply webhook = api.webhook(json(diun(host, "docker.io/library/still-open:1", "sha256:1")));
            assertThat(webhook.status()).as("the webhook stays open").isEqualTo(200);
        }

        @Test
        @Order(Integer.MAX_VALUE - 3)
        void aTokenBoundToAHostStoresUnderItAndAHostOnlyTokenRefusesOtherHosts() throws Exception {
            String bound = host + "-bound";
            Reply created =
                    login.post("/api/tokens", "{\"name\": \"" + host + "-diun\", \"host\": \" " + bound + " \"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            Reply strict = login.post(
                    "/api/tokens",
                    "{\"name\": \"" + host + "-strict\", \"host\": \"" + bound + "\", \"hostOnly\": true}");
            try {
                // Diun in a container: a new hostname at every restart, one identity through the token.
                long id = idOf(login.webhook(
                        json(diun("3f9c2a71b0de", "docker.io/library/nginx:bound", "sha256:1")),
                        created.json().getString("token")));
                JsonObject stored = login.get("/api/updates/" + id).json();
                assertThat(stored.getString("hostname")).isEqualTo(bound);
                assertThat(login.get("/api/updates/" + id + "/events").body())
                        .as("the payload keeps the hostname it said")
                        .contains("3f9c2a71b0de");
                assertThat(login.webhook(
                                        json(diun("8e1d", "docker.io/library/nginx:bound", "sha256:2")),
                                        created.json().getString("token"))
                                .json()
                                .getJsonNumber("id")
                                .longValue())
                        .isEqualTo(id);

                Reply refused = login.webhook(
                        json(diun("elsewhere", "docker.io/library/nginx:bound", "sha256:3")),
                        strict.json().getString("token"));
                assertError(refused, 403);
                assertThat(refused.json().getString("detail")).contains(bound);
                assertThat(login.webhook(
                                        json(diun(bound, "docker.io/library/redis:bound", "sha256:4")),
                                        strict.json().getString("token"))
                                .status())
                        .isEqualTo(200);

                JsonObject listed = login.get("/api/tokens").array().stream()
                        .map(JsonValue::asJsonObject)
                        .filter(t -> idOf(t) == idOf(strict))
                        .findFirst()
                        .orElseThrow();
                assertThat(listed.getString("host")).isEqualTo(bound);
                assertThat(listed.getBoolean("hostOnly")).isTrue();
                assertThat(listed.isNull("lastUsedAt")).isFalse();
                assertError(login.post("/api/tokens", "{\"name\": \"x\", \"hostOnly\": true}"), 400);
                assertError(login.post("/api/tokens", "{\"name\": \"x\", \"host\": \" \"}"), 400);
                assertError(login.post("/api/tokens", "{\"name\": \"x\", \"host\": \"a\", \"hostOnly\": 1}"), 400);
                assertError(login.post("/api/feed-tokens", "{\"name\": \"x\", \"host\": \"a\"}"), 400);
            } finally {
                login.delete("/api/tokens/" + idOf(created));
                login.delete("/api/tokens/" + idOf(strict));
            }
        }

        @Test
        @Order(Integer.MAX_VALUE - 2)
        void revokedAndExpiredTokensAreRefused() throws Exception {
            long keeper = idOf(login.post("/api/tokens", "{\"name\": \"" + host + "-keeper\"}"));
            try {
                String soon = Instant.now().plusSeconds(2).toString();
                Reply expiring =
                        login.post("/api/tokens", "{\"name\": \"" + host + "-soon\", \"expiresAt\": \"" + soon + "\"}");
                assertThat(expiring.json().getString("expiresAt")).isNotBlank();
                Reply revoked = login.post("/api/tokens", "{\"name\": \"" + host + "-revoked\"}");
                login.delete("/api/tokens/" + idOf(revoked));
                String body = json(diun(host, "docker.io/library/nginx:latest", "sha256:1"));

                assertError(login.webhook(body, revoked.json().getString("token")), 401);
                Thread.sleep(2500);
                assertError(login.webhook(body, expiring.json().getString("token")), 401);
                assertError(login.delete("/api/tokens/" + idOf(revoked)), 404);
                assertError(
                        login.post("/api/tokens", "{\"name\": \"x\", \"expiresAt\": \"2001-01-01T00:00:00Z\"}"), 400);
                assertError(login.post("/api/tokens", "{\"name\": \"x\", \"expiresAt\": \"tomorrow\"}"), 400);
                assertError(login.post("/api/tokens", "{\"name\": \"\"}"), 400);
                login.delete("/api/tokens/" + idOf(expiring));
            } finally {
                login.delete("/api/tokens/" + keeper);
            }
        }

        @Test
        @Order(Integer.MAX_VALUE - 1)
        void aTokenIsShownOnceStoredAsAHashAndThenRequiredByTheWebhook() throws Exception {
            Reply created = login.post("/api/tokens", "{\"name\": \"" + host + "\"}");
            long id = idOf(created);
            String token = created.json().getString("token");
            try {
                assertThat(created.status()).isEqualTo(201);
                assertThat(created.header("Location")).endsWith("/api/tokens/" + id);
                assertThat(token).startsWith("diun_").hasSizeGreaterThan(40);
                Reply list = login.get("/api/tokens");
                assertThat(list.body()).contains(host).doesNotContain(token);
                assertThat(list.array().getJsonObject(0).containsKey("token")).isFalse();
                String stored = loginQueryText("SELECT token_hash FROM webhook_tokens WHERE id = " + id);
                assertThat(stored).isEqualTo(sha256Hex(token)).doesNotContain(token);

                String body = json(diun(host, "docker.io/library/nginx:latest", "sha256:1"));
                Reply anonymous = login.webhook(body);
                assertError(anonymous, 401);
                assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
                assertError(login.webhook(body, "Bearer diun_wrong"), 401);
                assertError(login.webhook(body, token + "x"), 401);
                assertThat(login.webhook(body, token).status()).isEqualTo(200);
                assertThat(login.webhook(body, "Bearer " + token).status()).isEqualTo(200);
                assertThat(login.get("/api/updates?host=" + host)
                                .json()
                                .getJsonArray("items")
                                .getJsonObject(0)
                                .getInt("seenCount"))
                        .isEqualTo(2);
                JsonObject listed = login.get("/api/tokens").array().stream()
                        .map(JsonValue::asJsonObject)
                        .filter(t -> t.getJsonNumber("id").longValue() == id)
                        .findFirst()
                        .orElseThrow();
                assertThat(listed.isNull("lastUsedAt")).isFalse();
            } finally {
                assertThat(login.delete("/api/tokens/" + id).status()).isEqualTo(204);
            }
            // Revoking every token does not open the webhook again.
            assertError(login.webhook(json(diun(host, "docker.io/library/open:1", "sha256:1"))), 401);
            assertError(login.webhook(json(diun(host, "docker.io/library/open:1", "sha256:1")), token), 401);
            String feedToken = login.post("/api/feed-tokens", "{\"name\": \"feed " + host + "\"}")
                    .json()
                    .getString("token");
            assertError(login.webhook(json(diun(host, "docker.io/library/open:1", "sha256:1")), feedToken), 401);
        }
    }

    /** A request over a socket of its own, read to the end: refusals close the connection. */
    record RawReply(int status, String headers, String body) {

        static RawReply send(URL base, String method, String path, byte[] body, boolean chunked)
                throws java.io.IOException {
            try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(30_000);
                var out = socket.getOutputStream();
                String head = method + " " + base.getPath().replaceAll("/$", "") + path
                        + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\n"
                        + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n")
                        + "\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                try {
                    if (chunked) {
                        for (int offset = 0; offset < body.length; offset += 8192) {
                            int n = Math.min(8192, body.length - offset);
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.write(body, offset, n);
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else {
                        out.write(body);
                    }
                } catch (java.io.IOException closedByServer) {
                    // refused before the whole body was sent: the answer is already there to read
                }
                String answer = RawHttp.untilClosed(socket.getInputStream());
                int split = answer.indexOf("\r\n\r\n");
                String headers = split < 0 ? answer : answer.substring(0, split);
                String rest = split < 0 ? "" : answer.substring(split + 4);
                int status = answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : -1;
                return new RawReply(status, headers, rest);
            }
        }
    }

    static String sha256Hex(String s) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    /** The value of the first Prometheus sample line that starts with the prefix; 0 when absent. */
    static double metric(String prometheus, String prefix) {
        return prometheus
                .lines()
                .filter(line -> line.startsWith(prefix))
                .findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .orElse(0.0);
    }

    abstract String backendName();

    static long idOf(Reply reply) {
        return Api.idOf(reply);
    }

    static long idOf(JsonObject json) {
        return json.getJsonNumber("id").longValue();
    }

    long tagCount(long tag) {
        return api.get("/api/tags/" + tag).json().getInt("count");
    }

    List<String> images(String query) {
        return images(query, api);
    }

    static List<String> images(String query, Api api) {
        Reply reply = api.get("/api/updates?" + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getString("image"))
                .toList();
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void assertError(Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type"))
                .as("content type of " + reply.body())
                .startsWith("application/json");
        JsonObject error = Json.createReader(new StringReader(reply.body())).readObject();
        assertThat(error.keySet()).containsExactly("error", "detail");
        assertThat(error.getString("error")).isNotBlank();
        assertThat(reply.body()).doesNotContain("Exception", "\tat ", "java.", "jakarta.", "org.");
    }
}
