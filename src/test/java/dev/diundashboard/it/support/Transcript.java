package dev.diundashboard.it.support;

import static dev.diundashboard.it.support.Notifications.diun;
import static dev.diundashboard.it.support.Notifications.json;

import dev.diundashboard.it.support.Api.Reply;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fixed scenario of requests whose normalized responses (ids numbered by first appearance, server
 * clock times and the random host replaced) must be byte-identical on every backend.
 */
public final class Transcript {

    private static final Set<String> SERVER_TIMES = Set.of(
            "firstSeen",
            "lastSeen",
            "acknowledgedAt",
            "receivedAt",
            "lastReceivedAt",
            "previousSeenAt",
            "snoozedUntil",
            "createdAt");

    private final Api api;
    private final String host;
    private final JsonArrayBuilder steps = Json.createArrayBuilder();
    private final Map<String, Integer> ids = new HashMap<>();
    private String text;

    public Transcript(Api api, String host) {
        this.api = api;
        this.host = host;
    }

    public String record() {
        long nginx = Api.idOf(step(
                "POST /webhook nginx", api.webhook(json(diun(host, "docker.io/library/nginx:1.27", "sha256:d1")))));
        long redis = Api.idOf(step(
                "GET /webhook redis",
                api.send(
                        "GET",
                        "/webhook",
                        Json.createObjectBuilder(Notifications.testNotification(host))
                                .add("image", "ghcr.io/acme/redis:7.2")
                                .build()
                                .toString(),
                        null)));
        step(
                "POST /webhook nginx new digest",
                api.webhook(json(
                        diun(host, "docker.io/library/nginx:1.27", "sha256:d2").add("status", "new"))));
        step("POST acknowledge nginx", api.post("/api/updates/" + nginx + "/acknowledge", null));
        long tag = Api.idOf(step("POST /api/tags", api.post("/api/tags", "{\"name\": \"" + host + " ✓ tag\"}")));
        step("PUT tag on redis", api.put("/api/updates/" + redis + "/tag", "{\"tagId\": " + tag + "}"));
        step("GET list by host sorted by image", api.get("/api/updates?host=" + host + "&sort=image"));
        step("GET list pending", api.get("/api/updates?host=" + host + "&state=pending"));
        step("GET list untagged", api.get("/api/updates?host=" + host + "&tag=none"));
        step("GET detail nginx", api.get("/api/updates/" + nginx));
        step("GET events nginx page 2", api.get("/api/updates/" + nginx + "/events?limit=1&offset=1"));
        step(
                "POST /webhook nginx 1.28",
                api.webhook(json(
                        diun(host, "docker.io/library/nginx:1.28", "sha256:d3").add("status", "new"))));
        step("GET list by class minor", api.get("/api/updates?host=" + host + "&class=minor"));
        step("DELETE acknowledge nginx", api.delete("/api/updates/" + nginx + "/acknowledge"));
        step("POST bulk acknowledge", api.post("/api/updates/acknowledge", "{\"host\": \"" + host + "\"}"));
        step("GET tag", api.get("/api/tags/" + tag));
        step("POST duplicate tag", api.post("/api/tags", "{\"name\": \"" + host + " ✓ tag\"}"));
        step("GET bad id", api.get("/api/updates/abc"));
        step("GET bad limit", api.get("/api/updates?limit=0"));
        whatEachUpdateIs();
        step("DELETE redis", api.delete("/api/updates/" + redis));
        step("GET deleted redis", api.get("/api/updates/" + redis));
        StringWriter out = new StringWriter();
        try (JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createWriter(out)) {
            writer.writeArray(steps.build());
        }
        text = out.toString().strip();
        return text;
    }

    /**
     * A compose and a Kubernetes payload, a watch_repo series, Diun's test notification, then what
     * operators add: a host alias, a release-notes template, an ignore rule, a snooze.
     */
    private void whatEachUpdateIs() {
        String sonarr = "lscr.io/linuxserver/sonarr:";
        for (String version : List.of("4.0.10.2544-ls250", "4.0.11.2680-ls251")) {
            step(
                    "POST /webhook compose sonarr " + version,
                    api.webhook(json(diun(host, sonarr + version, "sha256:" + version.hashCode())
                            .add("status", "new")
                            .add("hub_link", "https://github.com/linuxserver/docker-sonarr/pkgs/container/sonarr")
                            .add(
                                    "metadata",
                                    Json.createObjectBuilder()
                                            .add("com.docker.compose.project", "media")
                                            .add("ctn_names", "sonarr")))));
        }
        step(
                "POST /webhook kubernetes coredns",
                api.webhook(json(diun(host, "registry.k8s.io/coredns/coredns:v1.11.3", "sha256:c1")
                        .add("provider", "kubernetes")
                        .add("hub_link", "")
                        .add(
                                "metadata",
                                Json.createObjectBuilder()
                                        .add("pod_namespace", "kube-system")
                                        .add("pod_name", "coredns-7db6d8ff4d-x2x9k")
                                        .add("pod_status", "{\"phase\":\"Running\",\"conditions\":[]}")))));
        step(
                "POST /webhook diun notif test",
                api.webhook(Notifications.testNotification(host).toString()));
        step("GET list grouped by stack", api.get("/api/updates?host=" + host + "&group=stack&sort=image"));
        step("PUT host alias", api.put("/api/hosts/" + host + "/alias", "{\"alias\": \"Attic NAS\"}"));
        long link = Api.idOf(step(
                "POST /api/links",
                api.post(
                        "/api/links",
                        "{\"image\": \"registry.k8s.io/coredns/*\", \"template\":"
                                + " \"https://github.com/coredns/coredns/releases/tag/v{version}\"}")));
        long rule = Api.idOf(
                step("POST /api/rules", api.post("/api/rules", "{\"host\": \"" + host + "\", \"stack\": \"kube-*\"}")));
        long sonarrId = api.get("/api/updates?host=" + host + "&q=ls251")
                .json()
                .getJsonArray("items")
                .getJsonObject(0)
                .getJsonNumber("id")
                .longValue();
        step("POST snooze sonarr", api.post("/api/updates/" + sonarrId + "/snooze", "{\"days\": 7}"));
        step("GET list grouped by host", api.get("/api/updates?host=" + host + "&group=host&sort=image"));
        step("GET list snoozed", api.get("/api/updates?host=" + host + "&state=snoozed"));
        step("GET list ignored", api.get("/api/updates?host=" + host + "&state=ignored"));
        step("DELETE rule", api.delete("/api/rules/" + rule));
        step("DELETE link", api.delete("/api/links/" + link));
        step("DELETE host alias", api.delete("/api/hosts/" + host + "/alias"));
    }

    public void save(String backend) throws Exception {
        Path file = Path.of(System.getProperty("diun.it.work", "target/it"), "transcript-" + backend + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    }

    private Reply step(String name, Reply reply) {
        JsonObjectBuilder step = Json.createObjectBuilder().add("step", name).add("status", reply.status());
        if (!reply.body().isEmpty()) {
            try (JsonReader reader = Json.createReader(new StringReader(reply.body()))) {
                step.add("body", normalize(null, reader.readValue()));
            }
        }
        steps.add(step);
        return reply;
    }

    private JsonValue normalize(String key, JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> {
                JsonObjectBuilder b = Json.createObjectBuilder();
                value.asJsonObject().forEach((k, v) -> b.add(k, normalize(k, v)));
                return b.build();
            }
            case ARRAY -> {
                JsonArrayBuilder b = Json.createArrayBuilder();
                value.asJsonArray().forEach(v -> b.add(normalize(key, v)));
                return b.build();
            }
            case NUMBER -> {
                if ("id".equals(key) || "ignoredBy".equals(key)) {
                    return Json.createValue("id#" + ids.computeIfAbsent(value.toString(), k -> ids.size() + 1));
                }
                return value;
            }
            case STRING -> {
                String s = ((jakarta.json.JsonString) value).getString();
                if (key != null && SERVER_TIMES.contains(key)) {
                    return Json.createValue("<server time>");
                }
                if ("detail".equals(key)) {
                    // one pass, so that a replacement is never replaced again
                    s = java.util.regex.Pattern.compile("\\b\\d+\\b")
                            .matcher(s)
                            .replaceAll(m -> ids.containsKey(m.group()) ? "id#" + ids.get(m.group()) : m.group());
                }
                return Json.createValue(s.replace(host, "HOST"));
            }
            default -> {
                return value;
            }
        }
    }
}
