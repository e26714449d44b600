package dev.diundashboard.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseNotesTest {

    private static final String OFFICIAL = "https://github.com/docker-library/official-images/blob/master/library/";

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiterString = "=>", textBlock = """
            ghcr.io/home-assistant/home-assistant:2024.11.2 => https://ghcr.io/home-assistant/home-assistant => https://github.com/home-assistant/home-assistant/releases/tag/2024.11.2
            ghcr.io/home-assistant/home-assistant:stable    => https://ghcr.io/home-assistant/home-assistant => https://github.com/home-assistant/home-assistant/releases
            ghcr.io/crazy-max/diun:v4.28.0                  => ''                                             => https://github.com/crazy-max/diun/releases/tag/v4.28.0
            ghcr.io/immich-app/immich-server:v1.120.2       => ''                                             => https://github.com/immich-app/immich-server/releases/tag/v1.120.2
            ghcr.io/acme/tools/cli:1.0.0                    => ''                                             => https://github.com/acme/tools/releases/tag/1.0.0
            ghcr.io/acme/app:sha-1a2b3c4                    => ''                                             => https://github.com/acme/app/releases
            ghcr.io/linuxserver/sonarr:4.0.10.2544-ls250    => https://ghcr.io/linuxserver/sonarr            => https://github.com/linuxserver/docker-sonarr/releases/tag/4.0.10.2544-ls250
            ghcr.io/linuxserver/nginx:1.26.2-r3-ls288       => ''                                             => https://github.com/linuxserver/docker-nginx/releases/tag/1.26.2-r3-ls288
            lscr.io/linuxserver/sonarr:latest               => ''                                             => https://github.com/linuxserver/docker-sonarr/releases
            lscr.io/linuxserver/sonarr:version-4.0.10.2544  => ''                                             => https://github.com/linuxserver/docker-sonarr/releases
            lscr.io/linuxserver/sonarr:4.0.10.2544-ls250    => ''                                             => https://github.com/linuxserver/docker-sonarr/releases/tag/4.0.10.2544-ls250
            linuxserver/sonarr:4.0.10.2544-ls250            => https://hub.docker.com/r/linuxserver/sonarr   => https://github.com/linuxserver/docker-sonarr/releases/tag/4.0.10.2544-ls250
            docker.io/linuxserver/sonarr:develop            => ''                                             => https://github.com/linuxserver/docker-sonarr/releases
            docker.io/library/nginx:1.27.3                  => https://hub.docker.com/_/nginx                => https://github.com/docker-library/official-images/blob/master/library/nginx
            postgres:16.4-alpine                            => ''                                             => https://github.com/docker-library/official-images/blob/master/library/postgres
            quay.io/prometheus/node-exporter:v1.8.2         => https://quay.io/repository/prometheus/node-exporter => https://quay.io/repository/prometheus/node-exporter?tab=tags
            quay.io/prometheus/prometheus:latest            => ''                                             => https://quay.io/repository/prometheus/prometheus?tab=tags
            crazymax/diun:4.28.0                            => https://hub.docker.com/r/crazymax/diun        => ''
            registry.k8s.io/kube-proxy:v1.31.2              => ''                                             => ''
            registry.gitlab.com/group/sub/app:1.0           => ''                                             => ''
            ghcr.io/solo:1.0                                => ''                                             => ''
            quay.io/a/b/c:1.0                               => ''                                             => ''
            lscr.io/other/app:1.0                           => ''                                             => ''
            lscr.io/linuxserver/a/b:1.0                     => ''                                             => ''
            docker.io/library/a/b:1.0                       => ''                                             => ''
            """)
    void derivesLinksFromTheImage(String reference, String hubLink, String expected) {
        ImageReference image = ImageReference.parse(reference).orElseThrow();
        Optional<String> link = ReleaseNotes.derive(image, hubLink);
        assertThat(link).isEqualTo(expected.isEmpty() ? Optional.empty() : Optional.of(expected));
        assertThat(ReleaseNotes.derive(image, hubLink, TagVersion.parse(image.tag())))
                .isEqualTo(link);
    }

    @Test
    void withoutAVersionTheLinkIsTheReleaseList() {
        ImageReference image =
                ImageReference.parse("ghcr.io/crazy-max/diun:v4.28.0").orElseThrow();
        assertThat(ReleaseNotes.derive(image, null, null)).contains("https://github.com/crazy-max/diun/releases");
        assertThat(ReleaseNotes.derive(image, "", TagVersion.parse("edge")))
                .contains("https://github.com/crazy-max/diun/releases");
        assertThat(ReleaseNotes.derive(image, "", TagVersion.parse("v4.29.0")))
                .as("the given version, as written")
                .contains("https://github.com/crazy-max/diun/releases/tag/v4.29.0");
    }

    @Test
    void theHubLinkHelpsOnlyWhenTheImageGivesNothing() {
        ImageReference mirrored = ImageReference.parse("mirror.example.com/linuxserver/sonarr:4.0.10.2544-ls250")
                .orElseThrow();
        assertThat(ReleaseNotes.derive(mirrored, null)).isEmpty();
        assertThat(ReleaseNotes.derive(mirrored, "https://ghcr.io/linuxserver/sonarr"))
                .contains("https://github.com/linuxserver/docker-sonarr/releases/tag/4.0.10.2544-ls250");
        ImageReference nginx =
                ImageReference.parse("mirror.example.com/library/nginx:1.27.3").orElseThrow();
        assertThat(ReleaseNotes.derive(nginx, "https://hub.docker.com/_/nginx/"))
                .contains(OFFICIAL + "nginx");
        assertThat(ReleaseNotes.derive(null, "https://quay.io/repository/prometheus/node-exporter", null))
                .contains("https://quay.io/repository/prometheus/node-exporter?tab=tags");
        assertThat(ReleaseNotes.derive(null, null)).isEmpty();

        ImageReference lscr = ImageReference.parse("lscr.io/linuxserver/sonarr").orElseThrow();
        assertThat(ReleaseNotes.derive(lscr, "https://ghcr.io/home-assistant/home-assistant"))
                .as("the image wins")
                .contains("https://github.com/linuxserver/docker-sonarr/releases");
    }

    @Test
    void hubLinksAreReadOnlyForTheKnownPages() {
        assertThat(ReleaseNotes.fromHubLink("https://hub.docker.com/_/nginx"))
                .map(ImageReference::path)
                .contains("docker.io/library/nginx");
        assertThat(ReleaseNotes.fromHubLink("https://hub.docker.com/r/crazymax/diun"))
                .map(ImageReference::path)
                .contains("docker.io/crazymax/diun");
        assertThat(ReleaseNotes.fromHubLink("https://ghcr.io/linuxserver/sonarr"))
                .map(ImageReference::path)
                .contains("ghcr.io/linuxserver/sonarr");
        assertThat(ReleaseNotes.fromHubLink("https://quay.io/repository/prometheus/node-exporter?tab=info"))
                .map(ImageReference::path)
                .contains("quay.io/prometheus/node-exporter");
        for (String bad : new String[] {
            null,
            "",
            "not a url",
            "javascript:alert(1)",
            "ftp://ghcr.io/a/b",
            "https://evil.example.com/_/nginx",
            "https://hub.docker.com.evil.example/_/nginx",
            "https://user@ghcr.io/a/b",
            "https://ghcr.io:8443/a/b",
            "https://hub.docker.com/_/Nginx",
            "https://hub.docker.com/_/nginx%2F..",
            "https://hub.docker.com/_/nginx:1.27",
            "https://hub.docker.com/u/crazymax",
            "https://hub.docker.com/",
            "https://ghcr.io/",
            "https://ghcr.io/a//b",
            "https://ghcr.io/evil.example:5000/a",
            "https://quay.io/user/prometheus",
            "https://hub.docker.com/r/" + "a".repeat(1100),
        }) {
            assertThat(ReleaseNotes.fromHubLink(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }
}
