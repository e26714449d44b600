package dev.diundashboard.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.storage.SchemaStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A refused schema upgrade makes readiness DOWN with the refusal as its reason, without asking the
 * database (which may well answer: it is the file's schema that is behind).
 */
class DatabaseReadinessRefusalTest {

    /** Outside the server there is no MicroProfile Health implementation: the plain response object does. */
    @BeforeAll
    static void responses() {
        HealthCheckResponse.setResponseProvider(PlainBuilder::new);
    }

    @Test
    void refusedUpgradeIsDownWithItsReason() {
        DatabaseReadiness readiness = new DatabaseReadiness();
        readiness.schema = new SchemaStatus();
        readiness.schema.refuse("not upgrading /data/diun.db from schema version 1 to 2: no room for its backup");

        HealthCheckResponse response = readiness.call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getName()).isEqualTo("database");
        assertThat(response.getData())
                .hasValueSatisfying(data -> assertThat(data)
                        .containsEntry(
                                "error",
                                "not upgrading /data/diun.db from schema version 1 to 2: no room for its backup"));
    }

    static final class PlainBuilder extends HealthCheckResponseBuilder {
        private String name;
        private HealthCheckResponse.Status status = HealthCheckResponse.Status.DOWN;
        private final Map<String, Object> data = new LinkedHashMap<>();

        @Override
        public HealthCheckResponseBuilder name(String name) {
            this.name = name;
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, String value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, long value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, boolean value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder up() {
            return status(true);
        }

        @Override
        public HealthCheckResponseBuilder down() {
            return status(false);
        }

        @Override
        public HealthCheckResponseBuilder status(boolean up) {
            status = up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN;
            return this;
        }

        @Override
        public HealthCheckResponse build() {
            return new HealthCheckResponse(name, status, data.isEmpty() ? Optional.empty() : Optional.of(data));
        }
    }
}
