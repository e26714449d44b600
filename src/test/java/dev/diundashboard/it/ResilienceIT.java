package dev.diundashboard.it;

import static dev.diundashboard.it.support.Notifications.diun;
import static dev.diundashboard.it.support.Notifications.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.it.support.Api;
import dev.diundashboard.it.support.Api.Reply;
import dev.diundashboard.it.support.MicroServer;
import dev.diundashboard.it.support.PostgresForTests;
import dev.diundashboard.it.support.RequiresPostgres;
import dev.diundashboard.it.support.TcpProxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A 2xx is a promise: Diun never retries. These tests kill the server under load with SIGKILL and
 * cut PostgreSQL away mid-traffic, on servers of their own.
 */
class ResilienceIT {

    @Test
    void sigkillUnderLoadLosesNoAcknowledgedNotificationOnSqlite() throws Exception {
        Path db = Path.of(System.getProperty("diun.it.work", "target/it"), "resilience-sqlite", "diun.db");
        Files.createDirectories(db.getParent());
        sigkillUnderLoad(Map.of("DB_PATH", db.toString()));
    }

    @Test
    @RequiresPostgres
    void sigkillUnderLoadLosesNoAcknowledgedNotificationOnPostgresql() throws Exception {
        sigkillUnderLoad(Map.of("DATABASE_URL", System.getProperty(PostgresForTests.RESILIENCE_URL_PROPERTY)));
    }

    private void sigkillUnderLoad(Map<String, String> config) throws Exception {
        String host = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        try (MicroServer server = MicroServer.start("crash", config)) {
            Api api = new Api(server.base());
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int c = 0; c < 8; c++) {
                clients.submit(() -> {
                    while (running.get()) {
                        String image = "docker.io/crash/app" + sent.incrementAndGet() + ":1";
                        try {
                            if (api.webhook(json(diun(host, image, "sha256:1"))).status() == 200) {
                                acknowledged.add(image);
                            }
                        } catch (RuntimeException connectionLost) {
                            // the server is gone
                        }
                    }
                    return null;
                });
            }
            while (acknowledged.size() < 150) {
                Thread.sleep(50);
            }
            server.kill();
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        try (MicroServer restarted = MicroServer.start("restart", config)) {
            Api api = new Api(restarted.base());
            Set<String> stored = new HashSet<>();
            for (int offset = 0; ; offset += 1000) {
                var page = api.get("/api/updates?state=all&limit=1000&offset=" + offset + "&host=" + host)
                        .json();
                page.getJsonArray("items")
                        .forEach(v -> stored.add(v.asJsonObject().getString("image")));
                if (offset + 1000 >= page.getInt("total")) {
                    break;
                }
            }
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(150);
            assertThat(stored).containsAll(acknowledged);
        }
    }

    @Test
    void aReadOnlySqliteFileGives503WithAClearLogLineAndStoresNothing() throws Exception {
        Path db = Path.of(System.getProperty("diun.it.work", "target/it"), "resilience-readonly", "diun.db");
        Files.createDirectories(db.getParent());
        String host = "readonly-" + UUID.randomUUID().toString().substring(0, 8);
        try (MicroServer server = MicroServer.start("readonly", Map.of("DB_PATH", db.toString()))) {
            Api api = new Api(server.base());
            assertThat(api.webhook(json(diun(host, "docker.io/ro/before:1", "sha256:1")))
                            .status())
                    .isEqualTo(200);
            List<Path> files = List.of(db, Path.of(db + "-wal"));
            // Root ignores file modes, so make the files immutable (skipped where that is not allowed).
            org.junit.jupiter.api.Assumptions.assumeTrue(chattr("+i", files), "chattr +i is not permitted here");
            try {
                Reply refused = api.webhook(json(diun(host, "docker.io/ro/during:1", "sha256:1")));
                assertThat(refused.status()).as(refused.body()).isEqualTo(503);
                assertThat(refused.header("Retry-After")).isNotBlank();
                assertThat(Files.readString(server.log)).contains("database unavailable: SQLiteException: [SQLITE_");
            } finally {
                chattr("-i", files);
            }
            assertThat(api.webhook(json(diun(host, "docker.io/ro/after:1", "sha256:1")))
                            .status())
                    .isEqualTo(200);
            var images = api.get("/api/updates?state=all&host=" + host).json().getJsonArray("items").stream()
                    .map(v -> v.asJsonObject().getString("image"))
                    .toList();
            assertThat(images).containsExactlyInAnyOrder("docker.io/ro/before:1", "docker.io/ro/after:1");
        }
    }

    private static boolean chattr(String mode, List<Path> files) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("chattr", mode));
        files.forEach(f -> command.add(f.toString()));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException noChattr) {
            return false;
        }
    }

    @Test
    @RequiresPostgres
    void aDatabaseMissingAtStartupIsWaitedForAndTheAppBecomesReadyWhenItAppears() throws Exception {
        String url = System.getProperty(PostgresForTests.RESILIENCE_URL_PROPERTY);
        String name = "diun_late_" + Long.toString(System.nanoTime(), 36);
        String lateUrl = url.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        try (MicroServer server = MicroServer.launch("late", Map.of("DATABASE_URL", lateUrl))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!Files.exists(server.log)
                    || !Files.readString(server.log).contains("The database is not reachable yet")) {
                assertThat(System.nanoTime())
                        .as("waiting for the retry log line")
                        .isLessThan(deadline);
                Thread.sleep(500);
            }
            assertThat(server.alive()).isTrue();
            assertThat(server.readyStatus()).isEqualTo(503);
            assertThat(Files.readString(server.log)).doesNotContain("password=");

            try (var c = java.sql.DriverManager.getConnection(url);
                    var s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            try {
                server.awaitReady(java.time.Duration.ofSeconds(120));
                Api api = new Api(server.base());
                assertThat(api.webhook(json(diun("late-host", "docker.io/late/app:1", "sha256:1")))
                                .status())
                        .isEqualTo(200);
            } finally {
                server.close();
                try (var c = java.sql.DriverManager.getConnection(url);
                        var s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            }
        }
    }

    @Test
    @RequiresPostgres
    void aPostgresqlOutageGives503WithRetryAfterStoresNothingPartialAndRecoversWithin5Seconds() throws Exception {
        String url = System.getProperty(PostgresForTests.RESILIENCE_URL_PROPERTY);
        URI database = URI.create(url.substring("jdbc:".length()));
        String host = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        try (TcpProxy proxy = new TcpProxy(database.getHost(), database.getPort() == -1 ? 5432 : database.getPort());
                MicroServer server = MicroServer.start(
                        "outage",
                        Map.of("DATABASE_URL", url.replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/")))) {
            Api api = new Api(server.base());
            assertThat(api.webhook(json(diun(host, "docker.io/outage/before:1", "sha256:1")))
                            .status())
                    .isEqualTo(200);

            proxy.cut();
            List<String> during = List.of("docker.io/outage/during1:1", "docker.io/outage/during2:1");
            for (String image : during) {
                Reply reply = api.webhook(json(diun(host, image, "sha256:1")));
                assertThat(reply.status()).as(reply.body()).isEqualTo(503);
                assertThat(reply.header("Retry-After")).isNotBlank();
                assertThat(reply.json().getString("error")).isEqualTo("service unavailable");
            }

            proxy.restore();
            long restoredAt = System.nanoTime();
            int status = 0;
            while (status != 200 && System.nanoTime() - restoredAt < TimeUnit.SECONDS.toNanos(30)) {
                status = api.webhook(json(diun(host, "docker.io/outage/after:1", "sha256:1")))
                        .status();
                if (status != 200) {
                    Thread.sleep(100);
                }
            }
            double recoverySeconds = (System.nanoTime() - restoredAt) / 1e9;
            System.out.printf("recovered %.2f s after PostgreSQL came back%n", recoverySeconds);
            assertThat(status).isEqualTo(200);
            assertThat(recoverySeconds).isLessThan(5.0);

            var images = api.get("/api/updates?state=all&host=" + host).json().getJsonArray("items").stream()
                    .map(v -> v.asJsonObject().getString("image"))
                    .toList();
            assertThat(images).containsExactlyInAnyOrder("docker.io/outage/before:1", "docker.io/outage/after:1");
        }
    }
}
