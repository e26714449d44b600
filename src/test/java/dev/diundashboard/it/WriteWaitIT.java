package dev.diundashboard.it;

import static dev.diundashboard.it.support.Notifications.diun;
import static dev.diundashboard.it.support.Notifications.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.it.support.Api;
import dev.diundashboard.it.support.Api.Reply;
import dev.diundashboard.it.support.MicroServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On SQLite, writers queue for the one write lock. When the file is locked by another process (a
 * test connection holding {@code BEGIN IMMEDIATE}), no webhook waits much longer than 5 s: the one
 * holding the write gate gives up after SQLite's 2 s busy timeout, those queued behind it after 5 s,
 * and those past the queue bound ({@code DB_WRITE_QUEUE}) without waiting; all with 503 and
 * Retry-After. The limit asserted is 7 s (a writer that gets the gate just before its 5 s are up
 * then waits 2 s for the file) plus 1 s for a loaded CI machine.
 */
class WriteWaitIT {

    private static final int QUEUE = 8;
    private static final int CLIENTS = 30;

    @Test
    void aLockedSqliteFileGives503WithRetryAfterWithinSecondsAndWritesResumeWhenItIsReleased() throws Exception {
        Path db = Path.of(System.getProperty("diun.it.work", "target/it"), "write-wait", "diun.db");
        Files.createDirectories(db.getParent());
        try (MicroServer server = MicroServer.start(
                "write-wait", Map.of("DB_PATH", db.toString(), "DB_WRITE_QUEUE", String.valueOf(QUEUE)))) {
            Api api = new Api(server.base());
            assertThat(api.webhook(json(diun("wait", "docker.io/wait/before:1", "sha256:1")))
                            .status())
                    .isEqualTo(200);

            List<double[]> results = new ArrayList<>();
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db);
                    Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                try {
                    List<Future<double[]>> futures = new ArrayList<>();
                    for (int i = 0; i < CLIENTS; i++) {
                        String image = "docker.io/wait/during" + i + ":1";
                        futures.add(clients.submit(() -> {
                            long start = System.nanoTime();
                            Reply reply = api.webhook(json(diun("wait", image, "sha256:1")));
                            assertThat(reply.status()).as(reply.body()).isEqualTo(503);
                            assertThat(reply.header("Retry-After")).isEqualTo("5");
                            return new double[] {(System.nanoTime() - start) / 1e9};
                        }));
                    }
                    for (Future<double[]> f : futures) {
                        results.add(f.get(60, TimeUnit.SECONDS));
                    }
                } finally {
                    clients.shutdownNow();
                    s.execute("ROLLBACK");
                }
            }
            List<Double> seconds = results.stream()
                    .map(r -> r[0])
                    .sorted(Comparator.naturalOrder())
                    .toList();
            System.out.printf("SQLite file locked: 503 after %s s%n", seconds);
            assertThat(seconds).allSatisfy(t -> assertThat(t).isLessThan(8.0));
            // Past the bound the refusal comes without the gate's 5 s wait: only 1 holder and QUEUE
            // waiters wait (2 more for requests that arrive while a holder hands over).
            assertThat(seconds.stream().filter(t -> t < 4.5).count()).isGreaterThanOrEqualTo(CLIENTS - QUEUE - 3);

            assertThat(api.webhook(json(diun("wait", "docker.io/wait/after:1", "sha256:1")))
                            .status())
                    .isEqualTo(200);
            assertThat(api.get("/api/updates?state=all&host=wait").json().getInt("total"))
                    .isEqualTo(2);
        }
    }

    /**
     * The API's writes take the same gate (the {@code @GatedWrite} interceptor on the resource
     * methods): with the file locked and a queue of one, of several tags created at once one holds
     * the gate, one waits for it, and the rest are refused by the gate itself, without waiting.
     */
    @Test
    void apiWritesQueueAtTheSameGate() throws Exception {
        Path db = Path.of(System.getProperty("diun.it.work", "target/it"), "write-wait-api", "diun.db");
        Files.createDirectories(db.getParent());
        try (MicroServer server =
                MicroServer.start("write-wait-api", Map.of("DB_PATH", db.toString(), "DB_WRITE_QUEUE", "1"))) {
            Api api = new Api(server.base());
            assertThat(api.post("/api/tags", "{\"name\": \"before\"}").status()).isEqualTo(201);
            List<Reply> replies = new ArrayList<>();
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db);
                    Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                ExecutorService clients = Executors.newFixedThreadPool(6);
                try {
                    List<Future<Reply>> futures = new ArrayList<>();
                    for (int i = 0; i < 6; i++) {
                        String body = "{\"name\": \"during-" + i + "\"}";
                        futures.add(clients.submit(() -> api.post("/api/tags", body)));
                    }
                    for (Future<Reply> f : futures) {
                        replies.add(f.get(60, TimeUnit.SECONDS));
                    }
                } finally {
                    clients.shutdownNow();
                    s.execute("ROLLBACK");
                }
            }
            assertThat(replies).allSatisfy(reply -> {
                assertThat(reply.status()).as(reply.body()).isEqualTo(503);
                assertThat(reply.header("Retry-After")).isEqualTo("5");
            });
            assertThat(replies).anySatisfy(reply -> assertThat(reply.body()).contains("writes are already waiting"));
            assertThat(api.post("/api/tags", "{\"name\": \"after\"}").status()).isEqualTo(201);
        }
    }
}
