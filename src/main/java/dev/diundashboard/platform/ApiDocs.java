package dev.diundashboard.platform;

/**
 * Examples for the OpenAPI document ({@code /openapi}), kept here so that the resources' annotations
 * stay short. They are compile-time constants because annotation values must be.
 */
public final class ApiDocs {

    public static final String NOTIFICATION = """
            {"diun_version": "4.29.0", "hostname": "docker-host-1", "status": "new",
             "provider": "docker", "image": "docker.io/library/nginx:latest",
             "hub_link": "https://hub.docker.com/_/nginx",
             "mime_type": "application/vnd.docker.distribution.manifest.list.v2+json",
             "digest": "sha256:216c4ad8d5d84e8f1a3c0b8c4d2b8f7e",
             "created": "2024-05-01T08:20:30.123456789Z", "platform": "linux/amd64",
             "metadata": {"ctn_names": "web", "ctn_state": "running"}}""";

    public static final String UPDATE = """
            {"id": 42, "hostname": "docker-host-1", "image": "docker.io/library/nginx:latest",
             "status": "new", "provider": "docker", "hubLink": "https://hub.docker.com/_/nginx",
             "mimeType": "application/vnd.docker.distribution.manifest.list.v2+json",
             "digest": "sha256:216c4ad8d5d84e8f1a3c0b8c4d2b8f7e", "created": "2024-05-01T08:20:30.123456Z",
             "platform": "linux/amd64", "metadata": {"ctn_names": "web"}, "diunVersion": "4.29.0",
             "firstSeen": "2024-05-01T08:21:00.000001Z", "lastSeen": "2024-05-02T08:21:00.000002Z",
             "seenCount": 2, "acknowledgedAt": null, "tag": {"id": 3, "name": "production"}}""";

    public static final String UPDATE_LIST = "{\"items\": [" + UPDATE + "], \"total\": 1}";

    public static final String UPDATE_DETAIL = """
            {"id": 42, "hostname": "docker-host-1", "image": "docker.io/library/nginx:latest",
             "status": "new", "digest": "sha256:216c4ad8d5d84e8f1a3c0b8c4d2b8f7e", "seenCount": 1,
             "acknowledgedAt": null, "tag": null, "eventCount": 1,
             "events": [{"id": 7, "receivedAt": "2024-05-01T08:21:00.000001Z", "status": "new",
                         "digest": "sha256:216c4ad8d5d84e8f1a3c0b8c4d2b8f7e",
                         "payload": {"image": "docker.io/library/nginx:latest", "status": "new"}}]}""";

    public static final String EVENTS = """
            {"items": [{"id": 7, "receivedAt": "2024-05-01T08:21:00.000001Z", "status": "new",
                        "digest": "sha256:216c4ad8d5d84e8f1a3c0b8c4d2b8f7e",
                        "payload": {"image": "docker.io/library/nginx:latest", "status": "new"}}],
             "total": 1}""";

    public static final String BULK_ACKNOWLEDGE = "{\"ids\": [42, 43]}";
    public static final String IGNORE_RULE_BODY =
            "{\"image\": \"docker.io/library/*\", \"host\": \"nas\", \"class\": \"patch\"}";
    public static final String IGNORE_RULES = """
            [{"id": 1, "image": "docker.io/library/*", "host": "nas", "stack": null, "class": "patch",
              "createdAt": "2026-12-05T10:00:00Z", "ignoring": 4}]""";
    public static final String LINK_BODY = "{\"image\": \"registry.example.com/team/*\", \"template\":"
            + " \"https://git.example.com/team/{repo}/releases/tag/v{version}\"}";
    public static final String LINKS = """
            [{"id": 1, "image": "registry.example.com/team/*",
              "template": "https://git.example.com/team/{repo}/releases/tag/v{version}",
              "createdAt": "2026-12-05T10:00:00Z"}]""";
    public static final String HOST_ALIAS_BODY = "{\"alias\": \"nas\"}";
    public static final String HOST_ALIAS = "{\"hostname\": \"3f2a9c1d7e44\", \"alias\": \"nas\"}";
    public static final String CHANNEL_BODY = """
            {"type": "ntfy", "name": "Phone", "mode": "run", "windowSeconds": 60,
             "filter": {"host": "nas*"}, "config": {"url": "https://ntfy.sh", "topic": "diun-updates", "token": "tk_…"}}""";
    public static final String CHANNEL_CHANGE = """
            {"mode": "digest", "schedule": {"every": "day", "at": "08:00", "zone": "Europe/Berlin"}}""";
    public static final String CHANNELS = """
            [{"id": 1, "type": "ntfy", "name": "Phone", "mode": "run", "windowSeconds": 60, "schedule": null,
              "filter": {"host": "nas*"}, "config": {"url": "https://ntfy.sh", "topic": "diun-updates",
              "token": "********"}, "createdAt": "2026-12-05T10:00:00Z", "nextDigestAt": null}]""";
    public static final String CHANNEL_TEST =
            "{\"delivered\": true, \"status\": 200, \"answer\": \"200 {\\\"id\\\":\\\"x1\\\"}\"}";
    public static final String DELIVERIES = """
            {"items": [{"id": 12, "channelId": 1, "channelName": "Phone", "channelType": "ntfy", "kind": "run",
              "state": "failed", "updateId": null, "hostname": "nas", "createdAt": "2026-12-05T10:00:00Z",
              "dueAt": "2026-12-05T12:31:00Z", "attempts": 10, "lastAttemptAt": "2026-12-05T12:30:00Z",
              "lastAnswer": "503 upstream unavailable", "sentAt": null}], "total": 1}""";
    public static final String SNOOZE_DAYS = "{\"days\": 7}";
    public static final String SNOOZE_UNTIL = "{\"until\": \"2026-12-24T08:00:00Z\"}";
    public static final String BULK_ACKNOWLEDGED = "{\"acknowledged\": 2}";
    public static final String TAG_ASSIGNMENT = "{\"tagId\": 3}";
    public static final String TAG_NAME = "{\"name\": \"production\"}";
    public static final String TAG = "{\"id\": 3, \"name\": \"production\", \"count\": 12}";
    public static final String TOKEN_REQUEST =
            "{\"name\": \"diun on host-1\", \"expiresAt\": \"2026-01-01T00:00:00Z\"}";
    public static final String TOKEN_CREATED = """
            {"id": 7, "name": "diun on host-1", "token": "diun_3q2-7cC...", "createdAt": "2025-01-01T10:00:00Z",
             "expiresAt": "2026-01-01T00:00:00Z"}""";
    public static final String TOKEN = """
            {"id": 7, "name": "diun on host-1", "createdAt": "2025-01-01T10:00:00Z",
             "expiresAt": "2026-01-01T00:00:00Z", "lastUsedAt": "2025-03-01T12:00:00Z"}""";
    public static final String SUMMARY = """
            {"pending": 12, "acknowledged": 30, "total": 42, "hosts": 3,
             "lastReceivedAt": "2025-03-01T12:00:00.000001Z"}""";
    public static final String AUDIT = """
            {"items": [{"at": "2025-03-01T12:00:00.000001Z", "actor": "alice", "role": "operator",
                        "action": "update.acknowledge", "target": "update 42",
                        "details": {"image": "docker.io/library/nginx:latest", "hostname": "docker-host-1"}}],
             "total": 1}""";
    public static final String HOSTS =
            "[{\"hostname\": \"3f2a9c1d7e44\", \"alias\": \"nas\", \"total\": 12, \"pending\": 4}]";
    public static final String ERROR = "{\"error\": \"bad request\", \"detail\": \"'image' is missing or empty\"}";
    public static final String STREAM =
            "event: update\ndata: {\"kind\": \"update\", \"id\": 42, \"change\": \"received\"}\n\n"
                    + "event: update\ndata: {\"kind\": \"update\", \"change\": \"acknowledged\", \"count\": 3000}\n\n";

    private ApiDocs() {}
}
