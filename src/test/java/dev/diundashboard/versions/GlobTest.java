package dev.diundashboard.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiterString = "=>", textBlock = """
            docker.io/library/nginx    => docker.io/library/nginx           => true
            docker.io/library/nginx    => docker.io/library/nginx2          => false
            docker.io/library/*        => docker.io/library/nginx           => true
            docker.io/library/*        => docker.io/library/                => true
            docker.io/library/*        => docker.io/library/a/b             => false
            docker.io/*/nginx          => docker.io/library/nginx           => true
            docker.io/*                => docker.io/library/nginx           => false
            docker.io/**               => docker.io/library/nginx           => true
            docker.io/**               => docker.io/                        => true
            **/postgres                => docker.io/library/postgres        => true
            **/postgres                => postgres                          => false
            **postgres                 => postgres                          => true
            ***                        => a/b/c                             => true
            ghcr.io/linuxserver/*      => ghcr.io/linuxserver/sonarr        => true
            ghcr.io/linuxserver/*      => lscr.io/linuxserver/sonarr        => false
            *.io/linuxserver/*         => lscr.io/linuxserver/sonarr        => true
            *.io/linuxserver/*         => ghcr.io/linuxserver/sonarr        => true
            *.io/linuxserver/*         => registry.k8s.io/linuxserver/x     => true
            *.io/linuxserver/*         => quay.io/team/linuxserver/x        => false
            registry.gitlab.com/**/app => registry.gitlab.com/group/sub/app => true
            registry.gitlab.com/**/app => registry.gitlab.com/app           => false
            registry.gitlab.com/**app  => registry.gitlab.com/app           => true
            ghcr.io/?/app              => ghcr.io/a/app                     => true
            ghcr.io/?/app              => ghcr.io/ab/app                    => false
            ghcr.io/?/app              => ghcr.io//app                      => false
            a?c                        => a/c                               => false
            *                          => ''                                => true
            ?                          => ''                                => false
            Docker.io/*                => docker.io/nginx                   => false
            docker.io/library/nginx    => DOCKER.IO/library/nginx           => false
            a.c                        => abc                               => false
            a+                         => aa                                => false
            a+                         => a+                                => true
            (a|b)                      => a                                 => false
            (a|b)                      => (a|b)                             => true
            [ab]                       => a                                 => false
            [ab]                       => [ab]                              => true
            \\Qa\\E                    => \\Qa\\E                           => true
            ^a$                        => ^a$                               => true
            a{2}                       => aa                                => false
            """)
    void matchesLiterallyExceptForTheWildcards(String pattern, String text, boolean expected) {
        assertThat(Glob.compile(pattern).matches(text)).isEqualTo(expected);
    }

    @Test
    void patternsAreOneToFiveHundredCharacters() {
        assertThat(Glob.compile("a".repeat(500)).matches("a".repeat(500))).isTrue();
        assertThatThrownBy(() -> Glob.compile("a".repeat(501)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 500 characters");
        assertThatThrownBy(() -> Glob.compile("")).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> Glob.compile(null)).hasMessageContaining("must not be empty");
    }

    @Test
    void nullTextMatchesNothing() {
        assertThat(Glob.compile("**").matches(null)).isFalse();
        assertThat(Glob.compile("**").matches("")).isTrue();
    }

    @Test
    @Timeout(5)
    void manyWildcardsDoNotBacktrack() {
        assertThat(Glob.compile("*a".repeat(100) + "**b".repeat(90) + "c").matches("a".repeat(100_000)))
                .isFalse();
        assertThat(Glob.compile("*a".repeat(200) + "b").matches("a".repeat(20_000)))
                .isFalse();
        assertThat(Glob.compile("*a".repeat(200) + "b").matches("a".repeat(20_000) + "b"))
                .isTrue();
        assertThat(Glob.compile("**a**a**a**a**a**a**a**a**a**a**b").matches("a".repeat(50_000)))
                .isFalse();
    }

    @Test
    void keepsThePatternAndComparesByIt() {
        Glob glob = Glob.compile("ghcr.io/**");
        assertThat(glob.pattern()).isEqualTo("ghcr.io/**");
        assertThat(glob).hasToString("ghcr.io/**").isEqualTo(Glob.compile("ghcr.io/**"));
        assertThat(glob.hashCode()).isEqualTo(Glob.compile("ghcr.io/**").hashCode());
        assertThat(glob).isNotEqualTo(Glob.compile("ghcr.io/*"));
    }
}
