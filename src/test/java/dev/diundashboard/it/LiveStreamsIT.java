package dev.diundashboard.it;

import static dev.diundashboard.it.support.Notifications.diun;
import static dev.diundashboard.it.support.Notifications.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.it.support.Api;
import dev.diundashboard.it.support.MicroServer;
import dev.diundashboard.it.support.RequiresPostgres;
import dev.diundashboard.it.support.ServerTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The limits of {@code /api/stream} on a real server (PostgreSQL, password login, STREAM_MAX=4): the
 * cap, one event for a bulk change (locally and as announced to other instances), a reader that
 * stops reading, and logout. PostgreSQL because the stalled reader needs more events than webhooks
 * make in test time: the test announces them as another instance would, over LISTEN/NOTIFY.
 */
@RequiresPostgres
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveStreamsIT {

    private static final String USER = "admin";
    private static final String PASSWORD = "stream-test-password";
    private static final int MAX = 4;
    private static ServerTools.PgDatabase db;
    private static MicroServer server;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        db = new ServerTools.PgDatabase("diun_streams");
        server = MicroServer.start(
                "streams",
                Map.of(
                        "DATABASE_URL",
                        "postgres://" + db.user + ":" + db.password + "@" + db.host + ":" + db.port + "/" + db.name,
                        "DASHBOARD_USER",
                        USER,
                        "DASHBOARD_PASSWORD",
                        PASSWORD,
                        "STREAM_MAX",
                        String.valueOf(MAX)));
        api = new Api(server.base(), Api.basic(USER, PASSWORD));
    }

    @AfterAll
    static void stop() throws Exception {
        try (var database = db;
                var s = server) {
            // closed in reverse order
        }
    }

    @Test
    @Order(1)
    void theStreamPastTheCapGets503WithRetryAfterAndAClosedStreamFreesItsSlot() throws Exception {
        List<Stream> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX; i++) {
                open.add(Stream.openWhenFree(null));
            }
            HttpResponse<String> refused =
                    Stream.request(null, HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body()).contains("\"error\":\"service unavailable\"", "STREAM_MAX=" + MAX);

            open.remove(0).close();
            // The server learns of a dropped connection when a write to it fails: a keep-alive comment
            // every 10 s, and one round at once when a stream is refused (generous bound: 60 s).
            open.add(Stream.openWhenFree(null));
        } finally {
            open.forEach(Stream::close);
        }
    }

    @Test
    @Order(2)
    void aBulkAcknowledgementOfThousandsReachesAnOpenStreamAndOtherInstancesAsOneEvent() throws Exception {
        String host = "bulk-streams";
        int count = 3000;
        try (Connection c = database();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO updates (hostname, image, status, first_seen, last_seen)"
                    + " SELECT '" + host + "', 'docker.io/bulk/app' || g || ':1', 'new', now(), now()"
                    + " FROM generate_series(1, " + count + ") g");
        }
        try (Stream stream = Stream.openWhenFree(null);
                Connection listening = database()) {
            try (Statement s = listening.createStatement()) {
                s.execute("LISTEN diun_changes");
            }
            Api.Reply reply = api.post("/api/updates/acknowledge", "{\"host\":\"" + host + "\"}");
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().getInt("acknowledged")).isEqualTo(count);

            List<String> events = stream.collectFor(Duration.ofSeconds(5));
            assertThat(events)
                    .as("update events on the open stream within 5 s")
                    .hasSize(1)
                    .first()
                    .asString()
                    .contains("\"change\":\"acknowledged\"", "\"count\":" + count)
                    .doesNotContain("\"id\"");

            List<String> announced = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                PGNotification[] heard = listening.unwrap(PGConnection.class).getNotifications(500);
                for (PGNotification n : heard == null ? new PGNotification[0] : heard) {
                    announced.add(n.getParameter());
                }
            }
            assertThat(announced).as("announcements to other instances").hasSize(1);
            assertThat(announced.get(0))
                    .contains("\"count\":" + count)
                    .satisfies(m -> assertThat(m.split("\"kind\"", -1)).hasSize(2));
        }
    }

    @Test
    @Order(3)
    void logoutClosesTheStreamsOfItsSessionOnly() throws Exception {
        String cookie = login();
        try (Stream mine = Stream.openWhenFree(cookie);
                Stream other = Stream.openWhenFree(null)) {
            HttpRequest logout = HttpRequest.newBuilder(URI.create(base() + "/logout"))
                    .header("Cookie", cookie)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            assertThat(HTTP.send(logout, HttpResponse.BodyHandlers.discarding()).statusCode())
                    .isBetween(300, 399);
            assertThat(mine.ended(Duration.ofSeconds(5)))
                    .as("the session's stream ends")
                    .isTrue();
            assertThat(other.ended(Duration.ofSeconds(1)))
                    .as("another client's stream stays")
                    .isFalse();

            HttpResponse<String> again =
                    Stream.request(cookie, HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);
            assertThat(again.statusCode())
                    .as("the ended session opens no stream")
                    .isEqualTo(401);
        }
    }

    @Test
    @Order(4)
    void aReaderThatStopsReadingIsResyncedAndHoldsUpNobody() throws Exception {
        try (Socket stalled = new Socket();
                Stream healthy = Stream.openWhenFree(null);
                Connection other = database()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("localhost", server.port), 5000);
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /api/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                            + "Authorization: " + Api.basic(USER, PASSWORD) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            // Another instance's changes, as its relay announces them: 80 per message. About 16 MB of
            // events, more than the stalled reader's socket buffers and its queue can hold.
            int messages = 2500;
            int perMessage = 80;
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                for (int m = 0; m < messages; m++) {
                    StringBuilder changes = new StringBuilder();
                    for (int i = 0; i < perMessage; i++) {
                        changes.append(i == 0 ? "" : ",")
                                .append("{\"kind\":\"update\",\"id\":")
                                .append(1_000_000 + m * perMessage + i)
                                .append(",\"change\":\"received\"}");
                    }
                    s.execute("NOTIFY diun_changes, '{\"from\":\"another-instance\",\"changes\":[" + changes + "]}'");
                    if (m % 100 == 99) {
                        other.commit();
                    }
                }
                other.commit();
            }

            // Others are not held up: a webhook answers, and the healthy stream hears of it.
            long started = System.nanoTime();
            Api.Reply stored = api.webhook(json(diun("stall", "docker.io/stall/marker:1", "sha256:m")));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(stored.status()).isEqualTo(200);
            assertThat(millis)
                    .as("webhook during the flood, ms (limit generous for a loaded machine)")
                    .isLessThan(10_000);
            long id = stored.json().getJsonNumber("id").longValue();
            long committed = System.nanoTime();
            assertThat(healthy.awaitDataOrResyncAfter("\"id\":" + id + ",", committed, Duration.ofSeconds(60)))
                    .as("the healthy stream hears the marker, or a resync if it fell behind too")
                    .isTrue();

            // The stalled reader now reads: what it missed is replaced by a resync, never silently lost.
            String read = readAvailable(stalled, Duration.ofSeconds(20));
            int relayed = count(read, "\"change\":\"received\"");
            System.out.printf(
                    "stalled reader: %d bytes, %d of %d relayed events, %d resync%n",
                    read.length(), relayed, messages * perMessage, count(read, "resync"));
            assertThat(read).startsWith("HTTP/1.1 200");
            assertThat(relayed).isLessThan(messages * perMessage);
            assertThat(read).contains("\"change\":\"resync\"");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private static Connection database() throws java.sql.SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + db.host + ":" + db.port + "/" + db.name, db.user, db.password);
    }

    private static String base() {
        return "http://localhost:" + server.port;
    }

    /** Form login; the session cookie ("JSESSIONID=…"). */
    private static String login() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + USER + "&password=" + PASSWORD))
                .build();
        HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isBetween(300, 399);
        assertThat(response.headers().firstValue("Location").orElse("")).doesNotContain("failed");
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + response.headers()));
    }

    private static String readAvailable(Socket socket, Duration quiet) throws IOException {
        socket.setSoTimeout((int) quiet.toMillis());
        InputStream in = socket.getInputStream();
        StringBuilder read = new StringBuilder();
        byte[] buffer = new byte[65536];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                read.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                socket.setSoTimeout(3000); // after the first bytes: until the stream goes quiet
            }
        } catch (SocketTimeoutException quietNow) {
            // all that was sent has arrived
        }
        return read.toString();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    /** An open /api/stream, with Basic authentication or a session cookie. */
    private static final class Stream implements AutoCloseable {
        private final BlockingQueue<String> data = new LinkedBlockingQueue<>();
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        /** When the last resync event arrived (System.nanoTime), or 0. */
        private volatile long lastResync;

        private final CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response;

        private Stream(String cookie) {
            response = request(cookie, HttpResponse.BodyHandlers.ofLines());
        }

        static <T> CompletableFuture<HttpResponse<T>> request(String cookie, HttpResponse.BodyHandler<T> body) {
            HttpRequest.Builder b =
                    HttpRequest.newBuilder(URI.create(base() + "/api/stream")).header("Accept", "text/event-stream");
            b.header(cookie == null ? "Authorization" : "Cookie", cookie == null ? Api.basic(USER, PASSWORD) : cookie);
            return HTTP.sendAsync(b.build(), body);
        }

        /** Opens a stream, retrying while the server answers 503 (slots of dropped streams free late). */
        static Stream openWhenFree(String cookie) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                Stream s = new Stream(cookie);
                HttpResponse<java.util.stream.Stream<String>> r = s.response.get(10, TimeUnit.SECONDS);
                if (r.statusCode() == 200) {
                    s.read(r.body());
                    assertThat(s.data.poll(10, TimeUnit.SECONDS)).as("hello").isEqualTo("{}");
                    return s;
                }
                r.body().close();
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(System.nanoTime()).as("a free slot within 60 s").isLessThan(deadline);
                Thread.sleep(1000);
            }
        }

        private void read(java.util.stream.Stream<String> lines) {
            CompletableFuture.runAsync(() -> {
                try (lines) {
                    lines.filter(l -> l.startsWith("data:")).forEach(l -> {
                        String event = l.substring(5).strip();
                        if (event.contains("\"change\":\"resync\"")) {
                            lastResync = System.nanoTime();
                        }
                        data.add(event);
                    });
                } catch (RuntimeException closed) {
                    // closed by the test or the server
                } finally {
                    done.complete(null);
                }
            });
        }

        /** The data of the update events that arrive within the window. */
        List<String> collectFor(Duration window) throws InterruptedException {
            List<String> events = new ArrayList<>();
            long deadline = System.nanoTime() + window.toNanos();
            for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                String next = data.poll(left, TimeUnit.NANOSECONDS);
                if (next != null) {
                    events.add(next);
                }
            }
            return events;
        }

        boolean awaitData(String part, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                String next = data.poll(left, TimeUnit.NANOSECONDS);
                if (next != null && next.contains(part)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether the event with this part arrives, or a resync arrives after {@code sinceNanos}: a
         * reader that fell behind gets its missed events as one resync, and a page reloading on a
         * resync received after the change was committed shows the change.
         */
        boolean awaitDataOrResyncAfter(String part, long sinceNanos, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                String next = data.poll(Math.min(left, 200_000_000L), TimeUnit.NANOSECONDS);
                if (next != null && next.contains(part) || lastResync > sinceNanos) {
                    return true;
                }
            }
            return false;
        }

        boolean ended(Duration timeout) throws Exception {
            try {
                done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (java.util.concurrent.TimeoutException stillOpen) {
                return false;
            }
        }

        @Override
        public void close() {
            response.thenAccept(r -> r.body().close());
            response.cancel(true);
        }
    }
}
