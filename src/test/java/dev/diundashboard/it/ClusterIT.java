package dev.diundashboard.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.diundashboard.it.support.Notifications.diun;
import static dev.diundashboard.it.support.Notifications.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.diundashboard.it.support.Api;
import dev.diundashboard.it.support.Browser;
import dev.diundashboard.it.support.MicroServer;
import dev.diundashboard.it.support.PostgresForTests;
import dev.diundashboard.it.support.Receiver;
import dev.diundashboard.it.support.RequiresChromium;
import dev.diundashboard.it.support.RequiresPostgres;
import dev.diundashboard.it.support.ServerTools;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro instances, sharing nothing but one PostgreSQL database: ingest to both is exact,
 * each sees the other's changes, an open stream on either hears the changes made on the other, and
 * each notification is sent by exactly one of them.
 */
@RequiresPostgres
class ClusterIT {

    private static final String HOST = "cluster";
    private static ServerTools.PgDatabase db;
    private static MicroServer a;
    private static MicroServer b;
    private static Api apiA;
    private static Api apiB;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        db = new ServerTools.PgDatabase("diun_cluster");
        Map<String, String> config = Map.of(
                "DATABASE_URL",
                "postgres://" + db.user + ":" + db.password + "@" + db.host + ":" + db.port + "/" + db.name);
        // Both boot at once: the first to migrate holds Flyway's lock, the other waits for it.
        a = MicroServer.launch("cluster-a", config);
        b = MicroServer.launch("cluster-b", config);
        a.awaitReady(Duration.ofSeconds(240));
        b.awaitReady(Duration.ofSeconds(240));
        apiA = new Api(a.base());
        apiB = new Api(b.base());
    }

    @AfterAll
    static void stop() throws Exception {
        try (var database = db;
                var first = a;
                var second = b) {
            // closed in reverse order
        }
    }

    @Test
    void concurrentIngestToBothInstancesGivesExactCountsAndNoDuplicateUpdates() throws Exception {
        String host = "cluster-ingest";
        int images = 30;
        int perImage = 8;
        List<Callable<Integer>> sends = new ArrayList<>();
        for (int round = 0; round < perImage; round++) {
            for (int i = 0; i < images; i++) {
                Api target = (round + i) % 2 == 0 ? apiA : apiB;
                String body = json(diun(host, "docker.io/cluster/app" + i + ":1", "sha256:" + round));
                sends.add(() -> target.webhook(body).status());
            }
        }
        ExecutorService clients = Executors.newFixedThreadPool(24);
        try {
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : clients.invokeAll(sends)) {
                statuses.add(f.get());
            }
            assertThat(statuses).hasSize(images * perImage).containsOnly(200);
        } finally {
            clients.shutdownNow();
        }

        for (Api api : List.of(apiA, apiB)) {
            JsonObject page =
                    api.get("/api/updates?state=all&limit=1000&host=" + host).json();
            assertThat(page.getInt("total")).isEqualTo(images);
            Map<String, Integer> seen = new HashMap<>();
            for (JsonValue v : page.getJsonArray("items")) {
                JsonObject u = v.asJsonObject();
                assertThat(seen.put(u.getString("image"), u.getInt("seenCount")))
                        .as("duplicate update for %s", u.getString("image"))
                        .isNull();
                JsonObject detail = api.get(
                                "/api/updates/" + u.getJsonNumber("id").longValue())
                        .json();
                assertThat(detail.getJsonArray("events")).hasSize(perImage);
            }
            assertThat(seen)
                    .hasSize(images)
                    .allSatisfy((image, count) -> assertThat(count).isEqualTo(perImage));
        }
    }

    @Test
    void eachMessageIsSentByExactlyOneOfTheTwoInstances() throws Exception {
        String host = "cluster-notify";
        try (Receiver target = new Receiver()) {
            Api.Reply channel = apiA.post(
                    "/api/channels",
                    "{\"type\": \"webhook\", \"name\": \"cluster\", \"mode\": \"each\", \"filter\": {\"host\": \""
                            + host + "\"}, \"config\": {\"url\": \"" + target.url("/cluster") + "\"}}");
            assertThat(channel.status()).as(channel.body()).isEqualTo(201);
            int images = 20;
            for (int i = 0; i < images; i++) {
                Api api = i % 2 == 0 ? apiA : apiB;
                assertThat(api.webhook(json(diun(host, "docker.io/cluster/notify" + i + ":1", "sha256:n" + i)))
                                .status())
                        .isEqualTo(200);
            }

            List<Long> told = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                String body = target.next(Duration.ofSeconds(30)).body();
                told.add(Json.createReader(new StringReader(body))
                        .readObject()
                        .getJsonArray("updates")
                        .getJsonObject(0)
                        .getJsonNumber("id")
                        .longValue());
            }
            assertThat(target.maybeNext(Duration.ofSeconds(6)))
                    .as("both instances send every 2 s; nothing is sent twice")
                    .isNull();
            assertThat(told).doesNotHaveDuplicates().hasSize(images);
            assertThat(apiB.get("/api/deliveries?state=sent&channel=" + Api.idOf(channel))
                            .json()
                            .getInt("total"))
                    .isEqualTo(images);
        }
    }

    @Test
    void anAcknowledgementOnOneInstanceIsVisibleOnTheOtherAndReachesItsOpenStream() throws Exception {
        long id = apiA.webhook(json(diun(HOST, "docker.io/cluster/ack:1", "sha256:ack")))
                .json()
                .getJsonNumber("id")
                .longValue();
        try (Stream streamOnB = Stream.open(b)) {
            JsonObject acknowledged =
                    apiA.post("/api/updates/" + id + "/acknowledge", null).json();
            assertThat(acknowledged.isNull("acknowledgedAt")).isFalse();

            // The webhook's own "received" may still be on its way (changes are announced after commit).
            assertThat(streamOnB.skipUntil("\"change\":\"acknowledged\"", Duration.ofSeconds(5)))
                    .contains("\"id\":" + id);
            JsonObject onB = apiB.get("/api/updates/" + id).json();
            assertThat(onB.getString("acknowledgedAt")).isEqualTo(acknowledged.getString("acknowledgedAt"));
        }
    }

    @Test
    void eachInstancesOpenStreamHearsChangesMadeOnTheOther() throws Exception {
        try (Stream streamOnA = Stream.open(a);
                Stream streamOnB = Stream.open(b)) {
            long id = apiB.webhook(json(diun(HOST, "docker.io/cluster/live:1", "sha256:live")))
                    .json()
                    .getJsonNumber("id")
                    .longValue();
            assertThat(streamOnA.next("update", Duration.ofSeconds(5)))
                    .contains("\"id\":" + id)
                    .contains("\"change\":\"received\"");
            // The instance that made the change tells its own stream once, not twice.
            assertThat(streamOnB.next("update", Duration.ofSeconds(5))).contains("\"id\":" + id);

            assertThat(apiA.post("/api/tags", "{\"name\":\"cluster-tag\"}").status())
                    .isEqualTo(201);
            assertThat(streamOnB.next("tags", Duration.ofSeconds(5))).contains("\"change\":\"created\"");
            assertThat(streamOnA.next("tags", Duration.ofSeconds(5))).contains("\"change\":\"created\"");

            assertThat(streamOnA.quietFor(Duration.ofSeconds(1))).isTrue();
            assertThat(streamOnB.quietFor(Duration.ofSeconds(1))).isTrue();
        }
    }

    @Test
    void anInstanceWhoseListeningSessionIsKilledReconnectsAndTellsItsPagesToReload() throws Exception {
        try (Stream streamOnA = Stream.open(a)) {
            try (Connection c = DriverManager.getConnection(System.getProperty(PostgresForTests.URL_PROPERTY));
                    PreparedStatement kill = c.prepareStatement("SELECT count(pg_terminate_backend(pid))"
                            + " FROM pg_stat_activity WHERE datname = ? AND application_name = ?")) {
                kill.setString(1, db.name);
                kill.setString(2, "diun-dashboard listener");
                try (ResultSet killed = kill.executeQuery()) {
                    killed.next();
                    assertThat(killed.getInt(1))
                            .as("listening sessions, one per instance")
                            .isEqualTo(2);
                }
            }
            // The listener notices within its 5 s poll, and reconnects after 1 s.
            assertThat(streamOnA.next("update", Duration.ofSeconds(15))).contains("\"change\":\"resync\"");
            long id = apiB.webhook(json(diun(HOST, "docker.io/cluster/after-reconnect:1", "sha256:r")))
                    .json()
                    .getJsonNumber("id")
                    .longValue();
            assertThat(streamOnA.next("update", Duration.ofSeconds(5))).contains("\"id\":" + id);
        }
    }

    @Test
    @RequiresChromium
    void aPageOpenOnOneInstanceShowsWhatHappensOnTheOtherWithoutAReload() throws Exception {
        String host = "cluster-page";
        try (Browser browser = new Browser();
                var context = browser.context(1280, 900, "light")) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + a.port + "/?state=all&host=" + host);
            assertThat(page.locator("#live")).hasText("Live");
            page.evaluate("() => { window.__sameDocument = true; }");

            long id = apiB.webhook(json(diun(host, "docker.io/library/postgres:17", "sha256:p")))
                    .json()
                    .getJsonNumber("id")
                    .longValue();
            assertThat(page.locator("section[data-state=pending] li.row")).hasCount(1);

            apiB.post("/api/updates/" + id + "/acknowledge", null);
            assertThat(page.locator("section[data-state=acknowledged] li.row")).hasCount(1);
            assertThat(page.locator("section[data-state=pending]")).hasCount(0);
            assertThat(page.evaluate("() => window.__sameDocument === true")).isEqualTo(true);
        }
    }

    /** An open /api/stream, as a page holds it: events arrive as "name\n" + data lines. */
    private static final class Stream implements AutoCloseable {
        private final BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        private final HttpClient http = HttpClient.newHttpClient();
        private final Future<?> reading;
        private volatile java.util.stream.Stream<String> lines;

        private Stream(MicroServer server) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port + "/api/stream"))
                    .header("Accept", "text/event-stream")
                    .build();
            String[] current = {null};
            reading = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(response -> {
                        lines = response.body();
                        lines.forEach(line -> {
                            if (line.startsWith("event:")) {
                                current[0] = line.substring(6).strip();
                            } else if (line.startsWith("data:") && current[0] != null) {
                                events.add(new String[] {
                                    current[0], line.substring(5).strip()
                                });
                                current[0] = null;
                            }
                        });
                    });
        }

        static Stream open(MicroServer server) throws InterruptedException {
            Stream s = new Stream(server);
            assertThat(s.next("hello", Duration.ofSeconds(10))).isNotNull();
            return s;
        }

        /** The data of the next event, which must be named {@code name} and arrive in time. */
        String next(String name, Duration timeout) throws InterruptedException {
            String[] event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event '%s' within %s", name, timeout).isNotNull();
            assertThat(event[0]).as("event %s", String.join(" ", event)).isEqualTo(name);
            return event[1];
        }

        /** The data of the first event containing {@code text}, skipping others; it must arrive in time. */
        String skipUntil(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                String[] event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
                assertThat(event)
                        .as("an event with %s within %s", text, timeout)
                        .isNotNull();
                if (event[1].contains(text)) {
                    return event[1];
                }
            }
        }

        boolean quietFor(Duration duration) throws InterruptedException {
            String[] event = events.poll(duration.toMillis(), TimeUnit.MILLISECONDS);
            return event == null;
        }

        @Override
        public void close() {
            java.util.stream.Stream<String> open = lines;
            if (open != null) {
                open.close();
            }
            reading.cancel(true);
        }
    }
}
