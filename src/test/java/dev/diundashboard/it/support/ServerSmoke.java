package dev.diundashboard.it.support;

import static dev.diundashboard.it.support.Notifications.diun;
import static dev.diundashboard.it.support.Notifications.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.it.support.Api.Reply;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.UUID;

/** The contract subset every deployment mode must pass: webhook (incl. GET with body), list, acknowledge, tag. */
public final class ServerSmoke {

    private ServerSmoke() {}

    public static void passes(String base) throws MalformedURLException {
        Api api = new Api(URI.create(base).toURL());
        String host = "smoke-" + UUID.randomUUID().toString().substring(0, 8);

        Reply posted = api.webhook(json(diun(host, "docker.io/library/nginx:latest", "sha256:a1")));
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        long id = posted.json().getJsonNumber("id").longValue();

        Reply got = api.send("GET", "/webhook", json(diun(host, "docker.io/library/redis:7", "sha256:r1")), null);
        assertThat(got.status())
                .as("GET with a JSON body, as Diun >= 4.32 sends")
                .isEqualTo(200);
        assertThat(got.json().getString("image")).isEqualTo("docker.io/library/redis:7");

        Reply list = api.get("/api/updates?host=" + host);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().getInt("total")).isEqualTo(2);

        Reply ack = api.post("/api/updates/" + id + "/acknowledge", null);
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.json().isNull("acknowledgedAt")).isFalse();
        assertThat(api.get("/api/updates?state=pending&host=" + host).json().getInt("total"))
                .isEqualTo(1);

        Reply tag = api.post("/api/tags", "{\"name\":\"" + host + "\"}");
        assertThat(tag.status()).as(tag.body()).isEqualTo(201);
        long tagId = tag.json().getJsonNumber("id").longValue();
        Reply assigned = api.put("/api/updates/" + id + "/tag", "{\"tagId\":" + tagId + "}");
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        assertThat(api.get("/api/updates?tag=" + tagId).json().getInt("total")).isEqualTo(1);

        Reply again = api.webhook(json(diun(host, "docker.io/library/nginx:latest", "sha256:a2")));
        assertThat(again.json().getInt("seenCount")).isEqualTo(2);
        assertThat(again.json().isNull("acknowledgedAt"))
                .as("a new digest re-opens")
                .isTrue();
    }
}
