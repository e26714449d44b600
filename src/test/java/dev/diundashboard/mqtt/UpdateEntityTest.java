package dev.diundashboard.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.updates.VersionJump;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** What Home Assistant receives for one pending update: the discovery message and the state. */
class UpdateEntityTest {

    private static final Topics TOPICS = new Topics("homeassistant");

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    private static UpdateEntity.Facts facts(
            String image, String digest, String previous, VersionJump jump, String notes, String hub) {
        return new UpdateEntity.Facts(42, "nas", null, image, digest, previous, jump, notes, hub);
    }

    @Test
    void aHostWithAnAliasIsTheSameDeviceShownByItsAlias() {
        UpdateEntity e = UpdateEntity.of(
                new UpdateEntity.Facts(42, "nas", "NAS in the attic", "redis:7", "sha256:a", null, null, null, null),
                TOPICS);
        JsonObject device = json(e.config()).getJsonObject("device");
        assertThat(device.getJsonArray("identifiers").getString(0)).isEqualTo("diun_dashboard_host_nas");
        assertThat(device.getString("name")).isEqualTo("NAS in the attic");
        assertThat(json(e.state()).getString("release_summary")).contains("on NAS in the attic");
    }

    @Test
    void theDiscoveryMessageNamesTheStateTopicAvailabilityAndTheHostAsDevice() {
        UpdateEntity e = UpdateEntity.of(
                facts("docker.io/library/nginx:1.27.3", "sha256:" + "b".repeat(64), null, null, null, null), TOPICS);
        JsonObject config = json(e.config());
        assertThat(config.getString("name")).isEqualTo("nginx:1.27.3");
        assertThat(config.getString("unique_id")).isEqualTo("diun_dashboard_update_42");
        assertThat(config.getString("state_topic")).isEqualTo("homeassistant/update/diun_dashboard/42/state");
        assertThat(config.getString("availability_topic"))
                .isEqualTo("homeassistant/update/diun_dashboard/availability");
        assertThat(config.getString("payload_available")).isEqualTo("online");
        assertThat(config.getString("payload_not_available")).isEqualTo("offline");
        assertThat(config.getJsonObject("device").getJsonArray("identifiers").getString(0))
                .isEqualTo("diun_dashboard_host_nas");
        assertThat(config.getJsonObject("device").getString("name")).isEqualTo("nas");
        assertThat(config.getJsonObject("origin").getString("name")).isEqualTo("DiunDashboard");
        assertThat(TOPICS.config(42)).isEqualTo("homeassistant/update/diun_dashboard/42/config");
    }

    @Test
    void aVersionJumpShowsBothTagsAndTheReleaseNotes() {
        UpdateEntity e = UpdateEntity.of(
                facts(
                        "docker.io/library/nginx:1.27.3",
                        "sha256:b",
                        null,
                        new VersionJump("1.27.2", "1.27.3", "patch"),
                        "https://github.com/nginx/nginx/releases",
                        "https://hub.docker.com/_/nginx"),
                TOPICS);
        JsonObject state = json(e.state());
        assertThat(state.getString("installed_version")).isEqualTo("1.27.2");
        assertThat(state.getString("latest_version")).isEqualTo("1.27.3");
        assertThat(state.getString("title")).isEqualTo("docker.io/library/nginx:1.27.3");
        assertThat(state.getString("release_url")).isEqualTo("https://github.com/nginx/nginx/releases");
        assertThat(state.getString("release_summary"))
                .isEqualTo("Patch update of docker.io/library/nginx:1.27.3 on nas: 1.27.2 → 1.27.3");
    }

    @Test
    void aNewDigestOfTheSameTagShowsBothDigestsShortAndTheRegistryPage() {
        UpdateEntity e = UpdateEntity.of(
                facts(
                        "ghcr.io/home/app:latest@sha256:" + "c".repeat(64),
                        "sha256:0123456789abcdef0123",
                        "sha256:fedcba9876543210fedc",
                        new VersionJump("latest", "latest", "digest"),
                        null,
                        "https://ghcr.io/home/app"),
                TOPICS);
        JsonObject state = json(e.state());
        assertThat(state.getString("installed_version")).isEqualTo("sha256:fedcba987654");
        assertThat(state.getString("latest_version")).isEqualTo("sha256:0123456789ab");
        assertThat(state.getString("title")).isEqualTo("ghcr.io/home/app:latest");
        assertThat(state.getString("release_url")).isEqualTo("https://ghcr.io/home/app");
        assertThat(state.getString("release_summary")).startsWith("New digest of ghcr.io/home/app:latest on nas");
        assertThat(json(e.config()).getString("name")).isEqualTo("app:latest");
    }

    @Test
    void aFirstSeenImageHasNoInstalledDigestAndNoLinkThatIsNotHttp() {
        UpdateEntity e =
                UpdateEntity.of(facts("redis:7", "sha256:abc", null, null, "javascript:alert(1)", "ftp://x"), TOPICS);
        JsonObject state = json(e.state());
        assertThat(state.getString("installed_version")).isEqualTo("unknown");
        assertThat(state.getString("latest_version")).isEqualTo("sha256:abc");
        assertThat(state.containsKey("release_url")).isFalse();
        assertThat(state.getString("release_summary")).isEqualTo("New image of redis:7 on nas: unknown → sha256:abc");
    }

    @Test
    void theSameUpdateGivesTheSameBytesAndALongSummaryIsCut() {
        UpdateEntity.Facts f = facts("r/" + "x".repeat(400) + ":1", "sha256:a", "sha256:b", null, null, null);
        assertThat(UpdateEntity.of(f, TOPICS)).isEqualTo(UpdateEntity.of(f, TOPICS));
        assertThat(json(UpdateEntity.of(f, TOPICS).state()).getString("release_summary"))
                .hasSize(UpdateEntity.SUMMARY_CHARS)
                .endsWith("…");
    }
}
