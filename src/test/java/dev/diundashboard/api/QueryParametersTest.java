package dev.diundashboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diundashboard.platform.ApiException;
import org.junit.jupiter.api.Test;

/** Paging and ids, as every list and every resource path reads them. */
class QueryParametersTest {

    @Test
    void pagingDefaultsAndBounds() {
        assertThat(Paging.of(null, null)).isEqualTo(new Paging(100, 0));
        assertThat(Paging.of("1000", "5")).isEqualTo(new Paging(1000, 5));
        assertThatThrownBy(() -> Paging.of("1001", null)).hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> Paging.of("0", null)).hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> Paging.of(null, "-1")).hasMessageContaining("offset");
        assertThatThrownBy(() -> Paging.of("99999999999", null)).hasMessageContaining("whole number");
    }

    @Test
    void idsArePositiveWholeNumbersOr404() {
        assertThat(Ids.parse("42")).isEqualTo(42);
        for (String bad : new String[] {"0", "-1", "abc", "../etc", "1.5", ""}) {
            assertThatThrownBy(() -> Ids.parse(bad))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        }
    }
}
