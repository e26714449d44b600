package dev.diundashboard.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    private static final String SHA = "sha256:" + "0123456789abcdef".repeat(4);

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            nginx                                          | docker.io          | library/nginx           | latest            | ''
            nginx:1.27.3                                   | docker.io          | library/nginx           | 1.27.3            | ''
            library/nginx:1.27.3                           | docker.io          | library/nginx           | 1.27.3            | ''
            docker.io/library/nginx:1.27.3                 | docker.io          | library/nginx           | 1.27.3            | ''
            docker.io/nginx                                | docker.io          | library/nginx           | latest            | ''
            index.docker.io/library/nginx:1.27             | docker.io          | library/nginx           | 1.27              | ''
            registry-1.docker.io/library/nginx             | docker.io          | library/nginx           | latest            | ''
            crazymax/diun:4.28.0                           | docker.io          | crazymax/diun           | 4.28.0            | ''
            ghcr.io/linuxserver/sonarr:4.0.10.2544-ls250   | ghcr.io            | linuxserver/sonarr      | 4.0.10.2544-ls250 | ''
            lscr.io/linuxserver/sonarr:latest              | lscr.io            | linuxserver/sonarr      | latest            | ''
            quay.io/prometheus/node-exporter:v1.8.2        | quay.io            | prometheus/node-exporter | v1.8.2           | ''
            registry.k8s.io/kube-proxy:v1.31.2             | registry.k8s.io    | kube-proxy              | v1.31.2           | ''
            registry.k8s.io/coredns/coredns:v1.11.3        | registry.k8s.io    | coredns/coredns         | v1.11.3           | ''
            mcr.microsoft.com/dotnet/sdk:8.0.401-bookworm-slim | mcr.microsoft.com | dotnet/sdk           | 8.0.401-bookworm-slim | ''
            localhost:5000/app:1.0                         | localhost:5000     | app                     | 1.0               | ''
            localhost:5000/app                             | localhost:5000     | app                     | latest            | ''
            localhost/app:1.0                              | localhost          | app                     | 1.0               | ''
            localhost:5000                                 | docker.io          | library/localhost       | 5000              | ''
            registry.example.com:5000/team/app             | registry.example.com:5000 | team/app         | latest            | ''
            registry.example.com:5000/team/app:2.1         | registry.example.com:5000 | team/app         | 2.1               | ''
            Registry.Example.COM/team/app:1.0              | registry.example.com | team/app              | 1.0               | ''
            192.168.1.10:5000/tools/app:v1                 | 192.168.1.10:5000  | tools/app               | v1                | ''
            [::1]:5000/app:1.0                             | [::1]:5000         | app                     | 1.0               | ''
            registry.gitlab.com/group/sub/app:1.0          | registry.gitlab.com | group/sub/app          | 1.0               | ''
            my-registry.local:443/a/b/c/d:Tag_1.x          | my-registry.local:443 | a/b/c/d              | Tag_1.x           | ''
            postgres:16.4-alpine                           | docker.io          | library/postgres        | 16.4-alpine       | ''
            """)
    void splitsReferences(String reference, String registry, String repository, String tag, String digest) {
        ImageReference image = ImageReference.parse(reference).orElseThrow();
        assertThat(image.registry()).isEqualTo(registry);
        assertThat(image.repository()).isEqualTo(repository);
        assertThat(image.tag()).isEqualTo(tag);
        assertThat(image.digest()).isEqualTo(digest.isEmpty() ? Optional.empty() : Optional.of(digest));
        assertThat(image).hasToString(registry + "/" + repository + ":" + tag);
        assertThat(ImageReference.parse(image.toString())).contains(image);
    }

    @Test
    void digestPinnedReferences() {
        ImageReference redis =
                ImageReference.parse("docker.io/library/redis:7.2@" + SHA).orElseThrow();
        assertThat(redis).isEqualTo(new ImageReference("docker.io", "library/redis", "7.2", Optional.of(SHA)));
        assertThat(redis).hasToString("docker.io/library/redis:7.2@" + SHA);

        ImageReference untagged = ImageReference.parse("redis@" + SHA).orElseThrow();
        assertThat(untagged.tag()).isEqualTo("latest");
        assertThat(untagged.digest()).contains(SHA);

        ImageReference ported =
                ImageReference.parse("localhost:5000/app@" + SHA).orElseThrow();
        assertThat(ported.registry()).isEqualTo("localhost:5000");
        assertThat(ported.tag()).isEqualTo("latest");

        String sha512 = "sha512:" + "ab".repeat(64);
        assertThat(ImageReference.parse("app:1@" + sha512).orElseThrow().digest())
                .contains(sha512);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "@",
                ":",
                "/",
                "//",
                "nginx:",
                "nginx:@",
                ":latest",
                "@sha256:",
                "Nginx",
                "library/Nginx:1.0",
                "nginx::1",
                "nginx:1.0:2",
                "nginx:-bad",
                "nginx:.bad",
                "nginx:a/b",
                "/nginx",
                "nginx/",
                "docker.io/",
                "a//b",
                "a/-b",
                "a/b_",
                "a/b---",
                "ghcr.io:99999x/app",
                "host:port/app",
                "-host.com/app",
                "registry.example.com:/app",
                " nginx",
                "nginx latest",
                "nginx:1.0 ",
                "ngi\nnx",
                "nginx\u0000",
                "ngin\u00e9x",
                "nginx@sha256:abc",
                "nginx@sha256:0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
                "nginx@@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef@x",
                "nginx@sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "docker.io/library/nginx:1.27.3@md5",
            })
    void refusesWhatIsNotAReference(String reference) {
        assertThat(ImageReference.parse(reference)).isEmpty();
    }

    @Test
    void refusesOverLongParts() {
        assertThat(ImageReference.parse("nginx:" + "t".repeat(128))).isPresent();
        assertThat(ImageReference.parse("nginx:" + "t".repeat(129))).isEmpty();
        assertThat(ImageReference.parse("a/" + "b".repeat(253))).isPresent();
        assertThat(ImageReference.parse("ghcr.io/a/" + "b".repeat(254))).isEmpty();
        assertThat(ImageReference.parse("a".repeat(ImageReference.MAX_LENGTH + 1)))
                .isEmpty();
    }

    @Test
    void arbitraryTextNeverThrows() {
        Random random = new Random(11);
        String alphabet = "ab1.:/@-_A \u00e9sha256:0f";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Optional<ImageReference> parsed = ImageReference.parse(b.toString());
            parsed.ifPresent(
                    image -> assertThat(ImageReference.parse(image.toString())).contains(image));
        }
    }

    @Test
    void namesItsParts() {
        ImageReference nginx = ImageReference.parse("nginx:1.27.3").orElseThrow();
        assertThat(nginx.isDockerHub()).isTrue();
        assertThat(nginx.isOfficial()).isTrue();
        assertThat(nginx.owner()).isEqualTo("library");
        assertThat(nginx.name()).isEqualTo("nginx");
        assertThat(nginx.path()).isEqualTo("docker.io/library/nginx");

        ImageReference diun = ImageReference.parse("crazymax/diun").orElseThrow();
        assertThat(diun.isDockerHub()).isTrue();
        assertThat(diun.isOfficial()).isFalse();
        assertThat(diun.owner()).isEqualTo("crazymax");

        ImageReference nested =
                ImageReference.parse("registry.gitlab.com/group/sub/app:1.0").orElseThrow();
        assertThat(nested.isDockerHub()).isFalse();
        assertThat(nested.isOfficial()).isFalse();
        assertThat(nested.owner()).isEqualTo("group");
        assertThat(nested.name()).isEqualTo("app");
        assertThat(nested.segments()).containsExactly("group", "sub", "app");
        assertThat(nested.path()).isEqualTo("registry.gitlab.com/group/sub/app");

        ImageReference single = ImageReference.parse("localhost:5000/app").orElseThrow();
        assertThat(single.owner()).isEqualTo("app");
        assertThat(single.name()).isEqualTo("app");
        assertThat(ImageReference.parse("docker.io/library/a/b").orElseThrow().isOfficial())
                .isFalse();
    }

    @Test
    void theConstructorChecksAndNormalisesLikeParse() {
        assertThat(new ImageReference("index.docker.io", "nginx", "latest", Optional.empty()))
                .isEqualTo(ImageReference.parse("nginx").orElseThrow());
        assertThatThrownBy(() -> new ImageReference("docker.io", "Nginx", "latest", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repository components");
        assertThatThrownBy(() -> new ImageReference("docker.io", "nginx", null, Optional.empty()))
                .hasMessageContaining("tag must be");
        assertThatThrownBy(() -> new ImageReference("docker.io", "nginx", "latest", null))
                .hasMessageContaining("digest must be");
        assertThatThrownBy(() -> new ImageReference("docker.io", "nginx", "latest", Optional.of("sha256:x")))
                .hasMessageContaining("digest must be");
        assertThatThrownBy(() -> new ImageReference("bad host", "nginx", "latest", Optional.empty()))
                .hasMessageContaining("registry must be");
        assertThatThrownBy(() -> new ImageReference(null, "nginx", "latest", Optional.empty()))
                .hasMessageContaining("registry must be");
        assertThatThrownBy(() -> new ImageReference("docker.io", null, "latest", Optional.empty()))
                .hasMessageContaining("repository must be");
    }
}
