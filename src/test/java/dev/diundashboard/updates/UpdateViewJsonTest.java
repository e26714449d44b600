package dev.diundashboard.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.platform.JsonbConfiguration;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the API shows of an update: the derived fields, and not the stored parts they come from. */
class UpdateViewJsonTest {

    private static JsonObject json(String image, String mimeType, String from, String versionClass) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        UpdateView view = new UpdateView(
                1,
                "nas",
                image,
                "new",
                "docker",
                null,
                mimeType,
                "sha256:b",
                null,
                null,
                null,
                null,
                t,
                t,
                1,
                null,
                "sha256:a",
                t,
                from,
                versionClass,
                null,
                "media",
                7L,
                "https://github.com/docker-library/official-images/blob/master/library/nginx",
                "NAS",
                true,
                null,
                true,
                "stale",
                null);
        return Json.createReader(new StringReader(JsonbConfiguration.JSONB.toJson(view)))
                .readObject();
    }

    @Test
    void theVersionJumpAndTheKindOfManifestAreShownAndTheirStoredPartsAreNot() {
        JsonObject u = json(
                "docker.io/library/nginx:1.27.3",
                "application/vnd.docker.distribution.manifest.list.v2+json",
                "1.27.2",
                "patch");

        assertThat(u.getBoolean("manifestList")).isTrue();
        assertThat(u.getJsonObject("version").toString())
                .isEqualTo("{\"current\":\"1.27.2\",\"latest\":\"1.27.3\",\"class\":\"patch\"}");
        assertThat(u.getString("previousDigest")).isEqualTo("sha256:a");
        assertThat(u.keySet()).doesNotContain("versionFrom", "versionClass");
        assertThat(u.getString("stack")).isEqualTo("media");
        assertThat(u.getJsonNumber("ignoredBy").longValue()).isEqualTo(7);
        assertThat(u.getBoolean("testNotification"))
                .as("derived, not the true passed in")
                .isFalse();
        assertThat(u.isNull("maturity")).as("off unless MATURITY_DAYS is set").isTrue();
        assertThat(u.getString("releaseNotesUrl"))
                .as("stored: classification derives it")
                .isEqualTo("https://github.com/docker-library/official-images/blob/master/library/nginx");
        assertThat(u.getString("hostAlias")).isEqualTo("NAS");
        assertThat(u.keySet())
                .containsSubsequence(
                        "hostname",
                        "hostAlias",
                        "acknowledgedAt",
                        "previousDigest",
                        "previousSeenAt",
                        "manifestList",
                        "version",
                        "tag");
    }

    @Test
    void aSingleManifestAndNoJumpWhateverTheCallerPassedForTheDerivedFields() {
        JsonObject u = json("docker.io/library/nginx:latest", "application/vnd.oci.image.manifest.v1+json", null, null);

        assertThat(u.getBoolean("manifestList"))
                .as("derived, not the true passed in")
                .isFalse();
        assertThat(u.isNull("version")).isTrue();
        assertThat(json("a:1", "application/vnd.oci.image.index.v1+json", null, null)
                        .getBoolean("manifestList"))
                .isTrue();
    }
}
