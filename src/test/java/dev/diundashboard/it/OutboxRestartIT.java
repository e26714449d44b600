package dev.diundashboard.it;

import static dev.diundashboard.it.support.Notifications.diun;
import static dev.diundashboard.it.support.Notifications.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.it.support.Api;
import dev.diundashboard.it.support.MicroServer;
import dev.diundashboard.it.support.Receiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The outbox survives a kill -9: a webhook is committed while its channel's target is down, the
 * server is killed before it could deliver, and after the restart the message goes out once when the
 * target comes up.
 */
class OutboxRestartIT {

    @Test
    void aMessageCommittedBeforeAKillGoesOutOnceAfterTheRestart() throws Exception {
        Path folder =
                Files.createDirectories(Path.of(System.getProperty("diun.it.work", "target/it"), "outbox-restart"));
        Path db = folder.resolve("diun-" + System.nanoTime() + ".db");
        int targetPort = MicroServer.freePort();
        Map<String, String> config = Map.of("DB_PATH", db.toString(), "OUTBOX_RETRY_SECONDS", "1");

        try (MicroServer first = MicroServer.start("outbox-first", config)) {
            Api api = new Api(first.base());
            Api.Reply channel = api.post(
                    "/api/channels",
                    "{\"type\": \"webhook\", \"name\": \"down\", \"mode\": \"each\", \"config\": {\"url\":"
                            + " \"http://127.0.0.1:" + targetPort + "/later\"}}");
            assertThat(channel.status()).as(channel.body()).isEqualTo(201);
            assertThat(api.webhook(json(diun("killed", "docker.io/library/nginx:1.27.3", "sha256:k")))
                            .status())
                    .isEqualTo(200);
            first.kill();
        }

        try (MicroServer second = MicroServer.start("outbox-second", config);
                Receiver target = new Receiver(targetPort)) {
            Receiver.Request message =
                    target.next(Duration.ofSeconds(150)); // a claim held at the kill lapses after 120 s
            assertThat(message.body())
                    .contains("docker.io/library/nginx:1.27.3")
                    .contains("\"kind\":\"each\"");
            assertThat(target.maybeNext(Duration.ofSeconds(8))).as("once").isNull();
            assertThat(new Api(second.base())
                            .get("/api/deliveries?state=sent")
                            .json()
                            .getInt("total"))
                    .isEqualTo(1);
        }
    }
}
