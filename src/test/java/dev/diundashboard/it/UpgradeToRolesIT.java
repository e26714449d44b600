package dev.diundashboard.it;

import static dev.diundashboard.it.support.Notifications.diun;
import static dev.diundashboard.it.support.Notifications.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.it.support.Api;
import dev.diundashboard.it.support.MicroServer;
import dev.diundashboard.platform.Secrets;
import dev.diundashboard.storage.MigratedDatabase;
import dev.diundashboard.storage.sqlite.SqliteDialect;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An installation from before roles, API tokens and bound webhook tokens (schema version 10, login
 * with DASHBOARD_USER/DASHBOARD_PASSWORD, a webhook token, audit entries without a role), upgraded by
 * starting this version on its database with its configuration unchanged: the user is still an
 * admin, the token still takes notifications for any host, and the old audit entries stay as they
 * were. (Realm mode's old group {@code dashboard} keeps meaning admin: SecurityIT.)
 */
class UpgradeToRolesIT {

    @Test
    void theOldLoginTokenAndAuditKeepWorkingAfterTheUpgrade() throws Exception {
        Path data = Files.createTempDirectory(
                Files.createDirectories(Path.of(System.getProperty("diun.it.work", "target/it"))), "upgrade-roles-");
        Path file = data.resolve("diun.db");
        MigratedDatabase before = new MigratedDatabase("SQLite", "jdbc:sqlite:" + file, new SqliteDialect(), null);
        before.migrate("10");
        String token = Secrets.newToken();
        Instant then = Instant.parse("2026-11-01T10:00:00Z");
        try (Connection c = before.connect();
                PreparedStatement t = c.prepareStatement(
                        "INSERT INTO webhook_tokens (name, token_hash, created_at) VALUES ('diun on nas', ?, ?)");
                PreparedStatement a = c.prepareStatement(
                        "INSERT INTO audit_log (at, actor, action, target) VALUES (?, 'admin', 'token.create', '1')")) {
            t.setString(1, Secrets.hash(token));
            new SqliteDialect().setInstant(t, 2, then);
            t.executeUpdate();
            new SqliteDialect().setInstant(a, 1, then);
            a.executeUpdate();
        }

        try (MicroServer server = MicroServer.start(
                "upgrade-roles",
                Map.of(
                        "DB_PATH", file.toString(),
                        "DASHBOARD_USER", "admin",
                        "DASHBOARD_PASSWORD", "upgrade-password-not-for-production"))) {
            Api admin = new Api(server.base(), Api.basic("admin", "upgrade-password-not-for-production"));
            JsonObject session = admin.get("/api/session").json();
            assertThat(session.getString("role")).isEqualTo("admin");
            assertThat(session.getString("mode")).isEqualTo("password");

            long first = Api.idOf(
                    admin.webhook(json(diun("nas", "docker.io/library/nginx:1.27.3", "sha256:a")), "Bearer " + token));
            long second = Api.idOf(
                    admin.webhook(json(diun("pi", "docker.io/library/redis:7", "sha256:b")), "Bearer " + token));
            assertThat(admin.get("/api/updates/" + first).json().getString("hostname"))
                    .isEqualTo("nas");
            assertThat(admin.get("/api/updates/" + second).json().getString("hostname"))
                    .as("an old token is bound to no host")
                    .isEqualTo("pi");

            JsonObject listed = admin.get("/api/tokens").array().getJsonObject(0);
            assertThat(listed.getString("name")).isEqualTo("diun on nas");
            assertThat(listed.isNull("host")).isTrue();
            assertThat(listed.getBoolean("hostOnly")).isFalse();
            assertThat(listed.isNull("lastUsedAt")).isFalse();

            assertThat(admin.post("/api/updates/" + first + "/acknowledge", null)
                            .status())
                    .isEqualTo(200);
            List<JsonObject> audit = admin.get("/api/audit?limit=50").json().getJsonArray("items").stream()
                    .map(JsonValue::asJsonObject)
                    .toList();
            JsonObject old = audit.stream()
                    .filter(e -> e.getString("action").equals("token.create"))
                    .findFirst()
                    .orElseThrow();
            assertThat(old.getString("actor")).isEqualTo("admin");
            assertThat(old.isNull("role")).as("written before roles").isTrue();
            JsonObject ack = audit.stream()
                    .filter(e -> e.getString("action").startsWith("update.ack"))
                    .findFirst()
                    .orElseThrow();
            assertThat(ack.getString("role")).isEqualTo("admin");
        }
    }
}
