package dev.diundashboard.it;

import static dev.diundashboard.it.support.Notifications.diun;
import static dev.diundashboard.it.support.Notifications.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.it.support.Api;
import dev.diundashboard.it.support.MicroServer;
import dev.diundashboard.it.support.Receiver;
import jakarta.json.Json;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The outbox survives a kill -9 and an outage: webhooks are committed while their channel's target
 * is down, the server is killed, started again, and the target stays down for two minutes in all;
 * when it comes up, every message goes out once.
 */
class OutboxRestartIT {

    @Test
    void messagesCommittedBeforeAKillGoOutOnceWhenTheTargetComesBackAfterTwoMinutes() throws Exception {
        Path folder =
                Files.createDirectories(Path.of(System.getProperty("diun.it.work", "target/it"), "outbox-restart"));
        Path db = folder.resolve("diun-" + System.nanoTime() + ".db");
        int targetPort = MicroServer.freePort();
        // Waits of 1, 2, 4 … s: the eighth attempt comes about 127 s after the first.
        Map<String, String> config = Map.of("DB_PATH", db.toString(), "OUTBOX_RETRY_SECONDS", "1");
        List<String> images =
                List.of("docker.io/library/nginx:1.27.3", "docker.io/library/redis:7.4", "ghcr.io/acme/api:2");

        Instant down;
        try (MicroServer first = MicroServer.start("outbox-first", config)) {
            Api api = new Api(first.base());
            Api.Reply channel = api.post(
                    "/api/channels",
                    "{\"type\": \"webhook\", \"name\": \"down\", \"mode\": \"each\", \"config\": {\"url\":"
                            + " \"http://127.0.0.1:" + targetPort + "/later\"}}");
            assertThat(channel.status()).as(channel.body()).isEqualTo(201);
            down = Instant.now();
            for (String image : images) {
                assertThat(api.webhook(json(diun("killed", image, "sha256:" + image.hashCode())))
                                .status())
                        .isEqualTo(200);
            }
            first.kill();
        }

        try (MicroServer second = MicroServer.start("outbox-second", config)) {
            Duration left = Duration.ofMinutes(2).minus(Duration.between(down, Instant.now()));
            if (!left.isNegative()) {
                Thread.sleep(left.toMillis());
            }
            try (Receiver target = new Receiver(targetPort)) {
                List<String> told = new ArrayList<>();
                for (int i = 0; i < images.size(); i++) {
                    String body = target.next(Duration.ofMinutes(4)).body();
                    told.add(Json.createReader(new StringReader(body))
                            .readObject()
                            .getJsonArray("updates")
                            .getJsonObject(0)
                            .getString("image"));
                }
                assertThat(told).containsExactlyInAnyOrderElementsOf(images);
                assertThat(target.maybeNext(Duration.ofSeconds(8)))
                        .as("each once")
                        .isNull();
                assertThat(new Api(second.base())
                                .get("/api/deliveries?state=sent")
                                .json()
                                .getInt("total"))
                        .isEqualTo(images.size());
            }
        }
    }
}
