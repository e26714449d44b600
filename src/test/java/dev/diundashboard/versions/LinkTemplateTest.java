package dev.diundashboard.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinkTemplateTest {

    private static ImageReference image(String reference) {
        return ImageReference.parse(reference).orElseThrow();
    }

    @Test
    void expandsThePlaceholders() {
        LinkTemplate gitlab =
                LinkTemplate.of("registry.gitlab.com/**", "https://gitlab.com/{owner}/{repo}/-/releases/{tag}");
        assertThat(gitlab.expand(image("registry.gitlab.com/group/sub/app:v1.4.2")))
                .contains("https://gitlab.com/group/app/-/releases/v1.4.2");
        assertThat(gitlab.expand(image("registry.gitlab.com/group/sub/app:latest")))
                .contains("https://gitlab.com/group/app/-/releases/latest");
        assertThat(gitlab.expand(image("ghcr.io/group/app:1.0"))).isEmpty();
        assertThat(gitlab.appliesTo(image("registry.gitlab.com/group/app"))).isTrue();
        assertThat(gitlab.appliesTo(null)).isFalse();
        assertThat(gitlab.expand(null)).isEmpty();

        LinkTemplate changelog =
                LinkTemplate.of("docker.io/library/postgres", "https://www.postgresql.org/docs/release/{version}/");
        assertThat(changelog.expand(image("postgres:16.4-alpine")))
                .contains("https://www.postgresql.org/docs/release/16.4/");
        assertThat(changelog.expand(image("postgres:release-16.4")))
                .contains("https://www.postgresql.org/docs/release/16.4/");
    }

    @Test
    void versionIsTheCoreAndGivesNoLinkForANonVersion() {
        LinkTemplate template =
                LinkTemplate.of("ghcr.io/*/*", "https://example.com/{owner}/{repo}/v{version}?tag={tag}#{version}");
        ImageReference app = image("ghcr.io/acme/app:v2.1.0-rc.1");
        assertThat(template.expand(app)).contains("https://example.com/acme/app/v2.1.0?tag=v2.1.0-rc.1#2.1.0");
        assertThat(template.expand(app, TagVersion.parse("version-3.0.1")))
                .contains("https://example.com/acme/app/v3.0.1?tag=v2.1.0-rc.1#3.0.1");
        assertThat(template.expand(app, null)).isEmpty();
        assertThat(template.expand(image("ghcr.io/acme/app:latest"))).isEmpty();
        assertThat(template.expand(image("ghcr.io/acme/app:sha-1a2b3c4"))).isEmpty();

        LinkTemplate withoutVersion = LinkTemplate.of("ghcr.io/*/*", "https://example.com/{repo}/{tag}");
        assertThat(withoutVersion.expand(image("ghcr.io/acme/app:latest"))).contains("https://example.com/app/latest");
        assertThat(withoutVersion.expand(image("ghcr.io/acme/app:latest"), null))
                .contains("https://example.com/app/latest");
    }

    @Test
    void placeholderValuesArePathEncoded() {
        assertThat(LinkTemplate.encode("a/b?c#d e%f&g=h")).isEqualTo("a%2Fb%3Fc%23d%20e%25f%26g%3Dh");
        assertThat(LinkTemplate.encode("caf\u00e9 \ud83d\ude00")).isEqualTo("caf%C3%A9%20%F0%9F%98%80");
        assertThat(LinkTemplate.encode("..")).isEqualTo("%2E%2E");
        assertThat(LinkTemplate.encode(".")).isEqualTo("%2E");
        assertThat(LinkTemplate.encode("v1.2.3-rc_1~x")).isEqualTo("v1.2.3-rc_1~x");
        assertThat(LinkTemplate.encode("javascript:alert(1)")).isEqualTo("javascript%3Aalert%281%29");
        assertThat(LinkTemplate.encode("")).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiterString = "=>", textBlock = """
            javascript:alert(1)                     => must start with http:// or https://
            JAVASCRIPT://example.com/%0aalert(1)    => must start with http:// or https://
            ftp://example.com/{repo}                => must start with http:// or https://
            file:///etc/passwd                      => must start with http:// or https://
            data:text/html,hi                       => must start with http:// or https://
            //example.com/{repo}                    => must start with http:// or https://
            HTTPS://example.com/{repo}              => must start with http:// or https://
            ' https://example.com/{repo}'           => must start with http:// or https://
            https://                                => must name a host
            https:///{repo}                         => must name a host
            http://?q={tag}                         => must name a host
            https://under_score.example.com/{repo}  => must name a host
            https://{owner}.github.io/{repo}        => must not have placeholders in its host
            https://example.com{repo}               => must not have placeholders in its host
            https://example.com:{tag}/              => must not have placeholders in its host
            https://user:secret@example.com/{repo}  => must not have user info
            https://example.com@evil.example/{repo} => must not have user info
            https://example.com/{name}              => may only use the placeholders {owner}, {repo}, {tag}, {version}
            https://example.com/{Repo}              => may only use the placeholders
            https://example.com/{}                  => may only use the placeholders
            https://example.com/{repo               => without '}'
            https://example.com/repo}               => without '{'
            https://exa mple.com/{repo}             => must be a valid URL
            https://example.com/%zz                 => must be a valid URL
            'https://example.com/{repo}\\n'         => must be a valid URL
            """)
    void refusesUnsafeOrBrokenTemplates(String template, String message) {
        String url = template.replace("\\n", "\n");
        assertThatThrownBy(() -> LinkTemplate.of("**", url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesMissingOrOverLongTemplatesAndBadGlobs() {
        assertThatThrownBy(() -> LinkTemplate.of("**", null)).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> LinkTemplate.of("**", "")).hasMessageContaining("must not be empty");
        String base = "https://example.com/";
        String longest = base + "a".repeat(LinkTemplate.MAX_LENGTH - base.length());
        assertThat(LinkTemplate.of("**", longest).urlTemplate()).hasSize(2000);
        assertThatThrownBy(() -> LinkTemplate.of("**", longest + "a")).hasMessageContaining("at most 2000 characters");
        assertThatThrownBy(() -> LinkTemplate.of("", base)).hasMessageContaining("glob pattern must not be empty");
        assertThatThrownBy(() -> LinkTemplate.of("a".repeat(501), base)).hasMessageContaining("at most 500");
    }

    @Test
    void anExpandedLinkOverTheLimitIsDropped() {
        String base = "https://example.com/";
        LinkTemplate full = LinkTemplate.of("**", base + "a".repeat(1974) + "/{tag}");
        assertThat(full.urlTemplate()).hasSize(2000);
        assertThat(full.expand(image("app:1.2.3")))
                .hasValueSatisfying(url -> assertThat(url).hasSize(2000));
        assertThat(full.expand(image("app:1.2.34"))).isEmpty();
    }

    @Test
    void acceptsPlainHttpPortsQueriesAndFragments() {
        LinkTemplate template = LinkTemplate.of("**", "http://localhost:8080/notes?image={owner}%2F{repo}#t-{tag}");
        assertThat(template.expand(image("localhost:5000/team/app:1.0")))
                .contains("http://localhost:8080/notes?image=team%2Fapp#t-1.0");
        assertThat(template.imageGlob()).isEqualTo(Glob.compile("**"));
        assertThat(template).isEqualTo(LinkTemplate.of("**", template.urlTemplate()));
        assertThat(template.hashCode())
                .isEqualTo(LinkTemplate.of("**", template.urlTemplate()).hashCode());
        assertThat(template).hasToString("** -> http://localhost:8080/notes?image={owner}%2F{repo}#t-{tag}");
        assertThat(LinkTemplate.of("**", "https://[::1]/{repo}").expand(image("app")))
                .contains("https://[::1]/app");
    }
}
