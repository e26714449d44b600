package dev.diundashboard.it;

import static dev.diundashboard.it.support.Notifications.diun;
import static dev.diundashboard.it.support.Notifications.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.it.support.Api;
import dev.diundashboard.it.support.Api.Reply;
import dev.diundashboard.it.support.MicroServer;
import dev.diundashboard.it.support.PrivatePostgres;
import dev.diundashboard.it.support.TcpProxy;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL failures are 503s with Retry-After, never hangs or 500s, on a PostgreSQL server of the
 * test's own ({@link PrivatePostgres}), which it stops for real and reconfigures. Two Payara Micro
 * servers: one connected directly, one through a {@link TcpProxy} that black-holes the traffic.
 *
 * <p>Time limits: a stopped server must give 503 within 3 s and a black-holed one within 5 s. The
 * assertions add 0.5 s and 1 s for a loaded CI machine; the figures measured are printed.
 */
class PostgresOutageIT {

    private static final double STOPPED_LIMIT_SECONDS = 3.0 + 0.5;
    private static final double BLACK_HOLE_LIMIT_SECONDS = 5.0 + 1.0;

    private static PrivatePostgres pg;
    private static TcpProxy proxy;
    private static MicroServer direct;
    private static MicroServer proxied;

    @BeforeAll
    static void start() throws Exception {
        if (!PrivatePostgres.available()) {
            Assumptions.assumeFalse(
                    "true".equalsIgnoreCase(System.getenv("CI")),
                    "CI=true requires PostgreSQL binaries (initdb, pg_ctl) for the outage tests");
            Assumptions.abort("no PostgreSQL binaries (initdb, pg_ctl): set PG_BIN or install postgresql");
        }
        pg = PrivatePostgres.start();
        proxy = new TcpProxy("127.0.0.1", pg.port);
        direct = MicroServer.launch("pg-direct", Map.of("DATABASE_URL", pg.url()));
        // Both schemas are the same database: let the direct one migrate first.
        direct.awaitReady(Duration.ofSeconds(240));
        proxied = MicroServer.start(
                "pg-proxied", Map.of("DATABASE_URL", pg.url().replace(":" + pg.port + "/", ":" + proxy.port() + "/")));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {direct, proxied, proxy, pg}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static String host() {
        return "pg-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private record Timed(Reply reply, double seconds) {}

    private static Timed timed(Supplier<Reply> request) {
        long start = System.nanoTime();
        Reply reply = request.get();
        return new Timed(reply, (System.nanoTime() - start) / 1e9);
    }

    private static void assertUnavailable(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).isEqualTo("5");
        assertThat(reply.json().getString("error")).isEqualTo("service unavailable");
    }

    /** Sends the webhook until it is stored; returns the seconds it took. */
    private static double awaitStored(Api api, String host, String image, double limitSeconds) throws Exception {
        long start = System.nanoTime();
        while (true) {
            Reply reply = api.webhook(json(diun(host, image, "sha256:1")));
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (reply.status() == 200) {
                return elapsed;
            }
            assertThat(reply.status()).as(reply.body()).isEqualTo(503);
            assertThat(elapsed).as("recovery").isLessThan(limitSeconds);
            Thread.sleep(200);
        }
    }

    @Test
    void aStoppedPostgresqlGives503WithinThreeSecondsAndTheAppRecoversWhenItIsBack() throws Exception {
        Api api = new Api(direct.base());
        String host = host();
        assertThat(api.webhook(json(diun(host, "docker.io/stop/before:1", "sha256:1")))
                        .status())
                .isEqualTo(200);

        pg.stopServer();
        List<Double> times = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Timed t = timed(() -> api.webhook(json(diun(host, "docker.io/stop/during:1", "sha256:1"))));
                assertUnavailable(t.reply());
                times.add(t.seconds());
                assertThat(t.seconds()).as("503 #" + i).isLessThan(STOPPED_LIMIT_SECONDS);
            }
            Timed list = timed(() -> api.get("/api/updates?host=" + host));
            assertUnavailable(list.reply());
            assertThat(list.seconds()).isLessThan(STOPPED_LIMIT_SECONDS);
            assertThat(timed(() -> api.get("/health/ready")).reply().status()).isEqualTo(503);
        } finally {
            pg.startServer();
        }
        System.out.printf("stopped PostgreSQL: webhook 503 after %s s%n", times);

        double recovery = awaitStored(api, host, "docker.io/stop/after:1", 30);
        System.out.printf("recovered %.2f s after PostgreSQL restarted%n", recovery);
        var images = api.get("/api/updates?state=all&host=" + host).json().getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getString("image"))
                .toList();
        assertThat(images).containsExactlyInAnyOrder("docker.io/stop/before:1", "docker.io/stop/after:1");
    }

    @Test
    void aBlackHoledPostgresqlGives503WithinFiveSecondsLeavesNoWorkerHangingAndRecovers() throws Exception {
        Api api = new Api(proxied.base());
        String host = host();
        assertThat(api.webhook(json(diun(host, "docker.io/hole/before:1", "sha256:1")))
                        .status())
                .isEqualTo(200);

        proxy.blackHole();
        List<Double> times = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            // Eight at once: each holds a worker and a pooled connection; none may hang.
            List<Future<Timed>> concurrent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String image = "docker.io/hole/during" + i + ":1";
                concurrent.add(clients.submit(() -> timed(() -> api.webhook(json(diun(host, image, "sha256:1"))))));
            }
            for (Future<Timed> f : concurrent) {
                Timed t = f.get(30, TimeUnit.SECONDS);
                assertUnavailable(t.reply());
                times.add(t.seconds());
                assertThat(t.seconds()).isLessThan(BLACK_HOLE_LIMIT_SECONDS);
            }
            for (int i = 0; i < 3; i++) {
                Timed t = timed(() -> api.webhook(json(diun(host, "docker.io/hole/later:1", "sha256:1"))));
                assertUnavailable(t.reply());
                times.add(t.seconds());
                assertThat(t.seconds()).isLessThan(BLACK_HOLE_LIMIT_SECONDS);
            }
            Timed ready = timed(() -> api.get("/health/ready"));
            assertThat(ready.reply().status()).isEqualTo(503);
            assertThat(ready.seconds()).isLessThan(BLACK_HOLE_LIMIT_SECONDS);
        } finally {
            proxy.resume();
            clients.shutdownNow();
        }
        System.out.printf("black-holed PostgreSQL: webhook 503 after %s s%n", times);

        double recovery = awaitStored(api, host, "docker.io/hole/after:1", 30);
        System.out.printf("recovered %.2f s after the route came back%n", recovery);
        var images = api.get("/api/updates?state=all&host=" + host).json().getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getString("image"))
                .toList();
        assertThat(images).containsExactlyInAnyOrder("docker.io/hole/before:1", "docker.io/hole/after:1");
    }

    @Test
    void aReadOnlyServerAsAfterAFailoverGives503AndWritesResumeWhenItIsWritableAgain() throws Exception {
        Api api = new Api(direct.base());
        String host = host();
        try (Connection admin = pg.connect("diun");
                Statement s = admin.createStatement()) {
            s.execute("SET default_transaction_read_only = off");
            s.execute("ALTER SYSTEM SET default_transaction_read_only = on");
            s.execute("SELECT pg_reload_conf()");
            Thread.sleep(500);
            try {
                Reply reply = api.webhook(json(diun(host, "docker.io/ro/during:1", "sha256:1")));
                assertUnavailable(reply);
                assertThat(Files.readString(direct.log)).contains("read-only transaction");
            } finally {
                s.execute("ALTER SYSTEM RESET default_transaction_read_only");
                s.execute("SELECT pg_reload_conf()");
            }
        }
        awaitStored(api, host, "docker.io/ro/after:1", 10);
        assertThat(api.get("/api/updates?state=all&host=" + host).json().getInt("total"))
                .isEqualTo(1);
    }

    @Test
    void aRowLockHeldTooLongGives503AfterTheLockTimeout() throws Exception {
        Api api = new Api(direct.base());
        String host = host();
        long id = api.webhook(json(diun(host, "docker.io/lock/app:1", "sha256:1")))
                .json()
                .getJsonNumber("id")
                .longValue();
        try (Connection admin = pg.connect("diun");
                Statement s = admin.createStatement()) {
            admin.setAutoCommit(false);
            s.execute("SELECT id FROM updates WHERE id = " + id + " FOR UPDATE");
            Timed t = timed(() -> api.post("/api/updates/" + id + "/acknowledge", ""));
            admin.rollback();
            assertUnavailable(t.reply());
            System.out.printf("row lock held elsewhere: 503 after %.2f s%n", t.seconds());
            assertThat(t.seconds()).isLessThan(BLACK_HOLE_LIMIT_SECONDS);
        }
        assertThat(api.post("/api/updates/" + id + "/acknowledge", "").status()).isEqualTo(200);
    }

    @Test
    void aDeadlockGives503AndNot500() throws Exception {
        Api api = new Api(direct.base());
        String host = host();
        long a = api.webhook(json(diun(host, "docker.io/dead/a:1", "sha256:1")))
                .json()
                .getJsonNumber("id")
                .longValue();
        long b = api.webhook(json(diun(host, "docker.io/dead/b:1", "sha256:1")))
                .json()
                .getJsonNumber("id")
                .longValue();
        try (Connection admin = pg.connect("diun");
                Statement s = admin.createStatement()) {
            admin.setAutoCommit(false);
            // This session waits long before checking for deadlocks, so that the app's session (1 s,
            // the default) is the one that finds the cycle and is rolled back.
            s.execute("SET LOCAL deadlock_timeout = '60s'");
            s.execute("UPDATE updates SET seen_count = seen_count WHERE id = " + b);
            CompletableFuture<Reply> bulk = CompletableFuture.supplyAsync(
                    () -> api.post("/api/updates/acknowledge", "{\"ids\":[" + a + "," + b + "]}"));
            awaitAppWaitingForALock(s);
            // The app holds a and waits for b; this session now waits for a: a cycle.
            s.execute("UPDATE updates SET seen_count = seen_count WHERE id = " + a);
            Reply reply = bulk.get(30, TimeUnit.SECONDS);
            admin.rollback();
            assertUnavailable(reply);
            assertThat(Files.readString(direct.log)).contains("deadlock detected");
        }
        assertThat(api.post("/api/updates/acknowledge", "{\"ids\":[" + a + "," + b + "]}")
                        .json()
                        .getInt("acknowledged"))
                .isEqualTo(2);
    }

    private static void awaitAppWaitingForALock(Statement s) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE application_name = 'diun-dashboard' AND wait_event_type = 'Lock'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the app never waited for the row lock");
    }

    @Test
    void tooManyConnectionsGive503AndTheAppRecoversWhenConnectionsAreFree() throws Exception {
        Api api = new Api(direct.base());
        String host = host();
        assertThat(api.webhook(json(diun(host, "docker.io/full/before:1", "sha256:1")))
                        .status())
                .isEqualTo(200);
        try (Connection admin = pg.connect("diun");
                Statement s = admin.createStatement()) {
            s.execute("ALTER ROLE diun CONNECTION LIMIT 0");
            try {
                // The app's sessions end (as after a restart of a pooler); new ones are refused: 53300.
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'diun'");
                // Past the pool's 0.5 s in which a just-used connection is lent without a check.
                Thread.sleep(1000);
                Timed t = timed(() -> api.webhook(json(diun(host, "docker.io/full/during:1", "sha256:1"))));
                assertUnavailable(t.reply());
                assertThat(t.seconds()).isLessThan(STOPPED_LIMIT_SECONDS);
                assertThat(Files.readString(direct.log)).contains("too many connections");
            } finally {
                s.execute("ALTER ROLE diun CONNECTION LIMIT -1");
            }
        }
        awaitStored(api, host, "docker.io/full/after:1", 10);
    }

    @Test
    void concurrentBulkAcknowledgesOverTheSameRowsInShuffledOrdersNeverDeadlock() throws Exception {
        Api api = new Api(direct.base());
        String host = host();
        List<Long> ids = new ArrayList<>();
        try (Connection admin = pg.connect("diun");
                Statement s = admin.createStatement()) {
            s.execute("INSERT INTO updates (hostname, image, status, first_seen, last_seen) SELECT '" + host
                    + "', 'docker.io/bulk/app' || n || ':1', 'update', now(), now() FROM generate_series(1, 2000) n");
            try (ResultSet rs = s.executeQuery("SELECT id FROM updates WHERE hostname = '" + host + "'")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                for (int round = 0; round < 3; round++) {
                    s.execute("UPDATE updates SET acknowledged_at = NULL WHERE hostname = '" + host + "'");
                    List<Future<Reply>> replies = new ArrayList<>();
                    for (int c = 0; c < 6; c++) {
                        List<Long> shuffled = new ArrayList<>(ids);
                        Collections.shuffle(shuffled);
                        String body = "{\"ids\":" + shuffled + "}";
                        replies.add(clients.submit(() -> api.post("/api/updates/acknowledge", body)));
                    }
                    int acknowledged = 0;
                    for (Future<Reply> f : replies) {
                        Reply reply = f.get(120, TimeUnit.SECONDS);
                        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                        acknowledged += reply.json().getInt("acknowledged");
                    }
                    // Each row acknowledged once, by whichever request locked it first.
                    assertThat(acknowledged).as("round " + round).isEqualTo(ids.size());
                }
            } finally {
                clients.shutdownNow();
            }
        }
    }
}
