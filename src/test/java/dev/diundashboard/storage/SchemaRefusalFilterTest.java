package dev.diundashboard.storage;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** While the schema upgrade is refused, requests are refused as unavailable, a 503 (nothing touches the old schema); else they pass. */
class SchemaRefusalFilterTest {

    @Test
    void requestsAreRefusedOnlyWhileTheUpgradeIsRefused() {
        SchemaRefusalFilter filter = new SchemaRefusalFilter();
        filter.status = new SchemaStatus();

        assertThatCode(() -> filter.filter(null)).doesNotThrowAnyException();

        filter.status.refuse("not upgrading: no room for its backup");
        assertThatThrownBy(() -> filter.filter(null))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("schema was not upgraded");
    }
}
