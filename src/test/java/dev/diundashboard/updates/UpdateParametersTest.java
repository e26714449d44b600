package dev.diundashboard.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.versions.VersionClass;
import org.junit.jupiter.api.Test;

/** The list's own query parameters: filter, sort and text search (paging and ids: api.QueryParametersTest). */
class UpdateParametersTest {

    @Test
    void filterDefaultsToAllAndParsesTagIdOrNone() {
        assertThat(UpdateFilter.of(null, null, null, null, null, null, null, null))
                .isEqualTo(UpdateFilter.ALL);
        assertThat(UpdateFilter.of("pending", "h", "7", "new", "nginx", null, null, null))
                .isEqualTo(
                        new UpdateFilter(UpdateFilter.State.PENDING, "h", 7L, false, "new", "nginx", null, null, null));
        assertThat(UpdateFilter.of("all", null, "none", null, null, null, null, null)
                        .untagged())
                .isTrue();
    }

    @Test
    void filterRefusesUnknownStatesAndTags() {
        assertThatThrownBy(() -> UpdateFilter.of("open", null, null, null, null, null, null, null))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> UpdateFilter.of(null, null, "x", null, null, null, null, null))
                .hasMessageContaining("tag");
        assertThatThrownBy(() -> UpdateFilter.of(null, null, "0", null, null, null, null, null))
                .hasMessageContaining("tag");
        assertThat(UpdateFilter.of(null, null, null, null, null, "patch", null, null)
                        .versionClass())
                .isEqualTo(VersionClass.PATCH);
        assertThatThrownBy(() -> UpdateFilter.of(null, null, null, null, null, "Patch", null, null))
                .hasMessageContaining("class must be one of major, minor, patch, digest, other");
    }

    @Test
    void sortNames() {
        assertThat(UpdateSort.of(null)).isEqualTo(UpdateSort.LAST_SEEN);
        assertThat(UpdateSort.of("image")).isEqualTo(UpdateSort.IMAGE);
        assertThat(UpdateSort.of("hostname")).isEqualTo(UpdateSort.HOSTNAME);
        assertThatThrownBy(() -> UpdateSort.of("size")).isInstanceOf(ApiException.class);
    }

    @Test
    void textSearchEscapesLikeWildcardsAndLowersAsciiOnly() {
        assertThat(UpdateCriteria.escapeLike("50%_a\\b")).isEqualTo("50\\%\\_a\\\\b");
        assertThat(UpdateCriteria.asciiLower("NGINX:Ä")).isEqualTo("nginx:Ä");
    }
}
