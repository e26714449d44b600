package dev.diundashboard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each service's request, as its documentation describes it, for the same message. */
class HttpFormatsTest {

    static final Message.Item NGINX = new Message.Item(
            7,
            "3f2a9c1d7e44",
            "nas",
            "docker.io/library/nginx:1.27.3",
            "1.27.2 → 1.27.3",
            "patch",
            "https://hub.docker.com/_/nginx",
            "https://github.com/docker-library/official-images/blob/master/library/nginx",
            "https://diun.example.com/?state=all&host=3f2a9c1d7e44&q=docker.io%2Flibrary%2Fnginx%3A1.27.3");

    static final Message.Item EVIL = new Message.Item(
            8, "h", "h", "ghcr.io/x/a*b_[c](javascript:1)<@everyone>:1", "new image", null, null, null, null);

    static final Message MESSAGE =
            new Message(Message.Kind.RUN, "2 updates on nas", List.of(NGINX, EVIL), 3, "https://diun.example.com");

    private static JsonObject body(Outgoing out) {
        return Json.createReader(new StringReader(out.body())).readObject();
    }

    @Test
    void ntfyPublishesJsonToTheServerRootWithTheTokenAsBearer() {
        Outgoing out =
                HttpFormats.ntfy(new ChannelConfig.Ntfy("https://ntfy.example.com", "diun", "tk_secret"), MESSAGE);

        assertThat(out.method()).isEqualTo("POST");
        assertThat(out.uri()).hasToString("https://ntfy.example.com/");
        assertThat(out.headers())
                .containsEntry("Authorization", "Bearer tk_secret")
                .containsEntry("Content-Type", "application/json");
        JsonObject json = body(out);
        assertThat(json.getString("topic")).isEqualTo("diun");
        assertThat(json.getString("title")).isEqualTo("2 updates on nas");
        assertThat(json.getString("message"))
                .startsWith(
                        "• docker.io/library/nginx:1.27.3 on nas: 1.27.2 → 1.27.3 (patch)\n  release notes: https://")
                .contains("… and 3 more")
                .endsWith("https://diun.example.com");
        assertThat(json.getInt("priority")).isEqualTo(3);
        assertThat(json.getString("click")).isEqualTo("https://diun.example.com");
        assertThat(json.getJsonArray("tags").getString(0)).isEqualTo("package");
    }

    @Test
    void ntfyWithoutATokenSendsNoAuthorizationAndAMajorJumpIsUrgent() {
        Message major = new Message(
                Message.Kind.EACH,
                "t",
                List.of(new Message.Item(1, "h", "h", "a:2", "1 → 2", "major", null, null, null)),
                0,
                null);
        Outgoing out = HttpFormats.ntfy(new ChannelConfig.Ntfy("http://ntfy.local:8080/base/", "t", null), major);

        assertThat(out.uri()).hasToString("http://ntfy.local:8080/base/");
        assertThat(out.headers()).doesNotContainKey("Authorization");
        assertThat(body(out).getInt("priority")).isEqualTo(4);
        assertThat(body(out).containsKey("click")).isFalse();
    }

    @Test
    void gotifyPostsToMessageWithTheAppTokenInItsHeaderAndMarkdown() {
        Outgoing out = HttpFormats.gotify(new ChannelConfig.Gotify("https://gotify.example.com/", "A1b2"), MESSAGE);

        assertThat(out.uri()).hasToString("https://gotify.example.com/message");
        assertThat(out.headers()).containsEntry("X-Gotify-Key", "A1b2");
        JsonObject json = body(out);
        assertThat(json.getString("title")).isEqualTo("2 updates on nas");
        assertThat(json.getInt("priority")).isEqualTo(5);
        assertThat(json.getJsonObject("extras").getJsonObject("client::display").getString("contentType"))
                .isEqualTo("text/markdown");
        assertThat(json.getJsonObject("extras")
                        .getJsonObject("client::notification")
                        .getJsonObject("click")
                        .getString("url"))
                .isEqualTo("https://diun.example.com");
        assertThat(json.getString("message"))
                .startsWith("• [docker.io/library/nginx:1.27.3](https://diun.example.com/?state=all&host=")
                .contains(
                        " · [release notes](https://github.com/docker-library/official-images/blob/master/library/nginx)");
    }

    @Test
    void discordSendsOneEmbedAndNeverPingsAnyone() {
        Outgoing out =
                HttpFormats.discord(new ChannelConfig.Discord("https://discord.com/api/webhooks/123/abc"), MESSAGE);

        assertThat(out.uri()).hasToString("https://discord.com/api/webhooks/123/abc");
        JsonObject json = body(out);
        assertThat(json.getJsonObject("allowed_mentions").getJsonArray("parse")).isEmpty();
        JsonObject embed = json.getJsonArray("embeds").getJsonObject(0);
        assertThat(embed.getString("title")).isEqualTo("2 updates on nas");
        assertThat(embed.getString("url")).isEqualTo("https://diun.example.com");
        assertThat(embed.getString("description"))
                .as("an image name can neither format nor link")
                .contains("**ghcr.io/x/a\\*b\\_\\[c\\]\\(javascript:1\\)\\<@everyone\\>:1**")
                .contains("… and 3 more")
                .endsWith("[Open the dashboard](https://diun.example.com)");
    }

    @Test
    void slackSendsAHeaderAndAMrkdwnSectionWithEntitiesEscaped() {
        Outgoing out = HttpFormats.slack(new ChannelConfig.Slack("https://hooks.slack.com/services/T/B/X"), MESSAGE);

        JsonObject json = body(out);
        assertThat(json.getString("text")).isEqualTo("2 updates on nas");
        assertThat(json.getJsonArray("blocks").getJsonObject(0).getString("type"))
                .isEqualTo("header");
        String section = json.getJsonArray("blocks")
                .getJsonObject(1)
                .getJsonObject("text")
                .getString("text");
        assertThat(section)
                .contains(
                        "<https://diun.example.com/?state=all&amp;host=3f2a9c1d7e44&amp;q=docker.io%2Flibrary%2Fnginx%3A1.27.3|docker.io/library/nginx:1.27.3>")
                .contains("*ghcr.io/x/a*b_[c](javascript:1)&lt;@everyone&gt;:1*")
                .endsWith("<https://diun.example.com|Open the dashboard>");
    }

    @Test
    void aGenericWebhookGetsOurDocumentedJsonWithItsMethodAndHeaders() {
        Outgoing out = HttpFormats.webhook(
                new ChannelConfig.Webhook("https://hooks.example.com/diun", "PUT", Map.of("X-Key", "s3cret")), MESSAGE);

        assertThat(out.method()).isEqualTo("PUT");
        assertThat(out.headers()).containsEntry("X-Key", "s3cret").containsEntry("Content-Type", "application/json");
        JsonObject json = body(out);
        assertThat(json.getString("kind")).isEqualTo("run");
        assertThat(json.getInt("omitted")).isEqualTo(3);
        assertThat(json.getString("dashboardUrl")).isEqualTo("https://diun.example.com");
        JsonObject first = json.getJsonArray("updates").getJsonObject(0);
        assertThat(first.keySet())
                .containsExactly(
                        "id", "hostname", "host", "image", "change", "class", "registryUrl", "releaseNotesUrl", "url");
        assertThat(first.getString("hostname")).isEqualTo("3f2a9c1d7e44");
        assertThat(first.getString("host")).isEqualTo("nas");
        assertThat(json.getJsonArray("updates").getJsonObject(1).isNull("class"))
                .isTrue();
    }

    @Test
    void aLongListIsCutToTheServicesLimitAndCountsWhatWasLeftOut() {
        List<Message.Item> many = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(new Message.Item(
                    i,
                    "h",
                    "h",
                    "registry.example.com/" + "x".repeat(300) + i + ":1",
                    "new image",
                    null,
                    null,
                    null,
                    null));
        }
        Message big = new Message(Message.Kind.DIGEST, "25 updates are pending", many, 0, null);

        String text = body(HttpFormats.slack(new ChannelConfig.Slack("https://hooks.slack.com/x"), big))
                .getJsonArray("blocks")
                .getJsonObject(1)
                .getJsonObject("text")
                .getString("text");

        assertThat(text.length()).isLessThanOrEqualTo(3000);
        assertThat(text).matches("(?s).*… and \\d+ more$");
    }
}
