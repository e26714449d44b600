package dev.diundashboard.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.updates.IgnoreRules.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

class IgnoreRulesTest {

    private static final String NGINX = "docker.io/library/nginx:1.27.3";

    @Test
    void everyPartARuleNamesMustMatch() {
        Rule patchOnNas = Rule.of(1, "docker.io/library/*", "nas", null, "patch");
        assertThat(patchOnNas.matches("nas", NGINX, null, "patch")).isTrue();
        assertThat(patchOnNas.matches("nas", NGINX, null, "minor")).isFalse();
        assertThat(patchOnNas.matches("nas2", NGINX, null, "patch")).isFalse();
        assertThat(patchOnNas.matches("nas", "ghcr.io/library/nginx:1.27.3", null, "patch"))
                .isFalse();
        assertThat(patchOnNas.matches("nas", NGINX, null, null))
                .as("no jump, no class")
                .isFalse();
    }

    @Test
    void theImageGlobMatchesTheNameWithOrWithoutItsTag() {
        assertThat(Rule.of(1, "docker.io/library/nginx", null, null, null).matches("h", NGINX, null, null))
                .isTrue();
        assertThat(Rule.of(1, "docker.io/library/nginx:1.*", null, null, null).matches("h", NGINX, null, null))
                .isTrue();
        assertThat(Rule.of(1, "**/nginx", null, null, null).matches("h", NGINX, null, null))
                .isTrue();
        assertThat(Rule.of(1, "*/nginx", null, null, null).matches("h", NGINX, null, null))
                .as("* stays within a path segment")
                .isFalse();
    }

    @Test
    void aStackGlobNeverMatchesAnUpdateWithoutAStack() {
        Rule media = Rule.of(1, null, null, "med*", null);
        assertThat(media.matches("h", NGINX, "media", null)).isTrue();
        assertThat(media.matches("h", NGINX, null, null)).isFalse();
        assertThat(Rule.of(1, null, null, "*", null).matches("h", NGINX, null, null))
                .isFalse();
    }

    @Test
    void theLowestNumberedMatchingRuleIgnoresIt() {
        List<Rule> rules = List.of(
                Rule.of(3, null, "other", null, null),
                Rule.of(5, "docker.io/**", null, null, null),
                Rule.of(9, null, "nas", null, null));
        assertThat(IgnoreRules.firstMatch(rules, "nas", NGINX, null, null)).isEqualTo(5L);
        assertThat(IgnoreRules.firstMatch(rules, "nas", "ghcr.io/a/b:1", null, null))
                .isEqualTo(9L);
        assertThat(IgnoreRules.firstMatch(rules, "pi", "ghcr.io/a/b:1", null, null))
                .isNull();
    }
}
