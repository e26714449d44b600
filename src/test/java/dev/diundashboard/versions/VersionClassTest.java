package dev.diundashboard.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionClassTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        "1.27.2, 1.27.3, PATCH",
        "1.27.3, 1.28.0, MINOR",
        "1.28.0, 2.0.0, MAJOR",
        "1.9.0, 1.10.0, MINOR",
        "v1.31.2, v1.31.3, PATCH",
        "2024.10.4, 2024.11.2, MINOR",
        "2024.11.2, 2025.1.0, MAJOR",
        "4.0.10.2544-ls250, 4.0.11.2600-ls251, PATCH",
        "4.0.10.2544-ls250, 4.0.10.2600-ls251, PATCH",
        "4.0.10.2544-ls250, 4.1.0.2600-ls251, MINOR",
        "4.0.10.2544-ls250, 4.0.10.2544-ls251, OTHER",
        "17.0.13_11-jre-jammy, 17.0.13_12-jre-jammy, OTHER",
        "7.2.5-alpine3.20, 7.2.6-alpine3.20, PATCH",
        "7.2.5-alpine3.20, 7.2.5-alpine3.21, OTHER",
        "v2.1.0-rc.1, v2.1.0-rc.2, OTHER",
        "2.0.0, 1.9.0, MAJOR",
        "1.28.0, 1.27.3, MINOR",
        "24.04, 24.4, OTHER",
        "1.27, 1.27.3, OTHER",
        "v1.2, 1.3, OTHER",
        "16.4-alpine, 16.4-bookworm, OTHER",
        "1.0.0-rc.1, 1.0.0, OTHER",
        "stable, 1.27.3, OTHER",
        "latest, edge, OTHER",
        "latest, latest, DIGEST",
        "16-alpine, 16-alpine, DIGEST",
        "1.27.3, 1.27.3, DIGEST",
        "16, 17, MAJOR",
    })
    void classifiesByTheFirstDifferingPart(String from, String to, VersionClass expected) {
        assertThat(VersionClass.classify(TagVersion.parse(from), TagVersion.parse(to)))
                .isEqualTo(expected);
    }

    @Test
    void classifyNeedsBothTags() {
        assertThatThrownBy(() -> VersionClass.classify(null, TagVersion.parse("1.0.0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VersionClass.classify(TagVersion.parse("1.0.0"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wireNamesAreLowerCaseAndParseBack() {
        assertThat(VersionClass.values())
                .extracting(VersionClass::wireName)
                .containsExactly("major", "minor", "patch", "digest", "other");
        for (VersionClass value : VersionClass.values()) {
            assertThat(VersionClass.parse(value.wireName())).isSameAs(value);
        }
    }

    @Test
    void parseRefusesAnythingElseNamingTheAllowedValues() {
        for (String bad : new String[] {"MAJOR", "Major", " major", "major ", "", "majors", "0", null}) {
            assertThatThrownBy(() -> VersionClass.parse(bad))
                    .as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("version class must be one of major, minor, patch, digest, other");
        }
    }
}
