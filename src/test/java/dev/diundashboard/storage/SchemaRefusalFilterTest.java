package dev.diundashboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diundashboard.platform.ApiException;
import org.junit.jupiter.api.Test;

/** While the schema upgrade is refused, requests get a 503 (nothing touches the old schema); else they pass. */
class SchemaRefusalFilterTest {

    @Test
    void requestsAreRefusedOnlyWhileTheUpgradeIsRefused() {
        SchemaRefusalFilter filter = new SchemaRefusalFilter();
        filter.status = new SchemaStatus();

        assertThatCode(() -> filter.filter(null)).doesNotThrowAnyException();

        filter.status.refuse("not upgrading: no room for its backup");
        assertThatThrownBy(() -> filter.filter(null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(503))
                .hasMessageContaining("schema was not upgraded");
    }
}
