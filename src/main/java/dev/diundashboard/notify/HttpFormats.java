package dev.diundashboard.notify;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each HTTP channel's request for a message, in the format its service documents: ntfy's JSON
 * publishing, Gotify's message API, Discord's and Slack's incoming webhooks, and a generic webhook
 * whose JSON body is ours (see docs/notifications.md). Texts are cut to each service's limits.
 */
final class HttpFormats {

    private static final String JSON = "application/json";

    /** Discord's embed description and Slack's section text hold at most this many characters. */
    private static final int DISCORD_DESCRIPTION = 4096;

    private static final int SLACK_SECTION = 3000;

    private HttpFormats() {}

    static Outgoing of(ChannelConfig config, Message message) {
        if (config instanceof ChannelConfig.Ntfy ntfy) {
            return ntfy(ntfy, message);
        }
        if (config instanceof ChannelConfig.Gotify gotify) {
            return gotify(gotify, message);
        }
        if (config instanceof ChannelConfig.Discord discord) {
            return discord(discord, message);
        }
        if (config instanceof ChannelConfig.Slack slack) {
            return slack(slack, message);
        }
        if (config instanceof ChannelConfig.Webhook webhook) {
            return webhook(webhook, message);
        }
        throw new IllegalArgumentException(config.type().label() + " is not sent over HTTP");
    }

    /** ntfy: {@code POST <server>/} with {@code {"topic", "title", "message", "tags", "priority", "click"}}. */
    static Outgoing ntfy(ChannelConfig.Ntfy config, Message message) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("topic", config.topic())
                .add("title", message.title())
                .add("message", message.text())
                .add("tags", Json.createArrayBuilder().add("package"))
                .add("priority", hasMajor(message) ? 4 : 3);
        if (message.dashboardUrl() != null) {
            body.add("click", message.dashboardUrl());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON);
        if (config.token() != null) {
            headers.put("Authorization", "Bearer " + config.token());
        }
        return new Outgoing(
                "POST", base(config.url()).resolve(""), headers, body.build().toString());
    }

    /** Gotify: {@code POST <server>/message} with the app token in {@code X-Gotify-Key}, Markdown text. */
    static Outgoing gotify(ChannelConfig.Gotify config, Message message) {
        JsonObjectBuilder extras = Json.createObjectBuilder()
                .add("client::display", Json.createObjectBuilder().add("contentType", "text/markdown"));
        if (message.dashboardUrl() != null) {
            extras.add(
                    "client::notification",
                    Json.createObjectBuilder()
                            .add("click", Json.createObjectBuilder().add("url", message.dashboardUrl())));
        }
        String body = Json.createObjectBuilder()
                .add("title", message.title())
                .add("message", Markdown.of(message, Markdown.Dialect.COMMONMARK, Integer.MAX_VALUE))
                .add("priority", hasMajor(message) ? 8 : 5)
                .add("extras", extras)
                .build()
                .toString();
        return new Outgoing(
                "POST",
                base(config.url()).resolve("message"),
                Map.of("Content-Type", JSON, "X-Gotify-Key", config.token()),
                body);
    }

    /** Discord: one embed with the updates as Markdown links; mentions in image names never ping anyone. */
    static Outgoing discord(ChannelConfig.Discord config, Message message) {
        JsonObjectBuilder embed = Json.createObjectBuilder()
                .add("title", cut(message.title(), 256))
                .add("description", Markdown.of(message, Markdown.Dialect.DISCORD, DISCORD_DESCRIPTION))
                .add("color", hasMajor(message) ? 0xD29922 : 0x2F81F7);
        if (message.dashboardUrl() != null) {
            embed.add("url", message.dashboardUrl());
        }
        String body = Json.createObjectBuilder()
                .add("username", "DiunDashboard")
                .add("allowed_mentions", Json.createObjectBuilder().add("parse", Json.createArrayBuilder()))
                .add("embeds", Json.createArrayBuilder().add(embed))
                .build()
                .toString();
        return new Outgoing("POST", URI.create(config.url()), Map.of("Content-Type", JSON), body);
    }

    /** Slack: a header block and a mrkdwn section; {@code text} is the fallback for notifications. */
    static Outgoing slack(ChannelConfig.Slack config, Message message) {
        JsonArrayBuilder blocks = Json.createArrayBuilder()
                .add(Json.createObjectBuilder()
                        .add("type", "header")
                        .add(
                                "text",
                                Json.createObjectBuilder()
                                        .add("type", "plain_text")
                                        .add("text", cut(message.title(), 150))))
                .add(Json.createObjectBuilder()
                        .add("type", "section")
                        .add(
                                "text",
                                Json.createObjectBuilder()
                                        .add("type", "mrkdwn")
                                        .add("text", Markdown.of(message, Markdown.Dialect.SLACK, SLACK_SECTION))));
        String body = Json.createObjectBuilder()
                .add("text", message.title())
                .add("blocks", blocks)
                .build()
                .toString();
        return new Outgoing("POST", URI.create(config.url()), Map.of("Content-Type", JSON), body);
    }

    /** A generic webhook: the message as our own documented JSON, with the channel's method and headers. */
    static Outgoing webhook(ChannelConfig.Webhook config, Message message) {
        JsonArrayBuilder updates = Json.createArrayBuilder();
        for (Message.Item item : message.items()) {
            JsonObjectBuilder u = Json.createObjectBuilder()
                    .add("id", item.id())
                    .add("hostname", item.hostname())
                    .add("host", item.host())
                    .add("image", item.image())
                    .add("change", item.change());
            nullable(u, "class", item.versionClass());
            nullable(u, "registryUrl", item.registryUrl());
            nullable(u, "releaseNotesUrl", item.releaseNotesUrl());
            nullable(u, "url", item.url());
            updates.add(u);
        }
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("kind", message.kind().label())
                .add("title", message.title())
                .add("text", message.text())
                .add("updates", updates)
                .add("omitted", message.omitted());
        nullable(body, "dashboardUrl", message.dashboardUrl());
        Map<String, String> headers = new LinkedHashMap<>(config.headers());
        headers.putIfAbsent("Content-Type", JSON);
        return new Outgoing(
                config.method(), URI.create(config.url()), headers, body.build().toString());
    }

    private static void nullable(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }

    private static boolean hasMajor(Message message) {
        return message.items().stream().anyMatch(i -> "major".equals(i.versionClass()));
    }

    /** The server address as a base that relative paths resolve under, whatever its trailing slash. */
    private static URI base(String url) {
        return URI.create(url.endsWith("/") ? url : url + "/");
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
