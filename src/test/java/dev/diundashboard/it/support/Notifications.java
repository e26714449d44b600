package dev.diundashboard.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Diun payloads as Diun sends them: every key present. */
public final class Notifications {

    private Notifications() {}

    public static JsonObjectBuilder diun(String host, String image, String digest) {
        return Json.createObjectBuilder()
                .add("diun_version", "4.29.0")
                .add("hostname", host)
                .add("status", "update")
                .add("provider", "docker")
                .add("image", image)
                .add("hub_link", "https://hub.docker.com/_/nginx")
                .add("mime_type", "application/vnd.docker.distribution.manifest.list.v2+json")
                .add("digest", digest)
                .add("created", "2024-05-01T10:20:30.123456789+02:00")
                .add("platform", "linux/amd64")
                .add(
                        "metadata",
                        Json.createObjectBuilder()
                                .add("ctn_names", "web")
                                .add("ctn_id", "0dbd3f4a")
                                .add("ctn_state", "running"));
    }

    public static String json(JsonObjectBuilder builder) {
        return builder.build().toString();
    }

    public static JsonObject testNotification(String host) {
        return Json.createObjectBuilder()
                .add("diun_version", "4.29.0")
                .add("hostname", host)
                .add("status", "new")
                .add("provider", "file")
                .add("image", "docker.io/diun/testnotif:latest")
                .add("hub_link", "")
                .add("mime_type", "application/vnd.docker.distribution.manifest.list.v2+json")
                .add("digest", "sha256:216e3ae7de4ca8b553eb11ef7abda00651e79e537e85c46108284e5e91673e01")
                .addNull("created")
                .add("platform", "linux/amd64")
                .addNull("metadata")
                .build();
    }
}
