package dev.diundashboard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictJsonReaderTest {

    @JsonRecord(expected = "expected {\"name\": \"...\"}")
    record Sample(
            String name,

            @JsonRecord.Invalid("'count' must be a whole number")
            Long count,

            @JsonRecord.Invalid("'ids' must be ids") List<Long> ids,
            @JsonRecord.NumberAsText String tag,
            Instant at,

            @JsonRecord.Invalid("'on' must be true or false")
            Boolean on) {}

    @JsonRecord(expected = "expected {\"id\": <id>}")
    record Required(long id) {}

    private static <R extends Record> R read(Class<R> type, String json) throws Exception {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Record> raw = (Class) type;
        return type.cast(new StrictJsonReader()
                .readFrom(
                        raw, type, null, null, null, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
    }

    private static void assertRefused(Class<? extends Record> type, String json, String detail) {
        assertThatThrownBy(() -> read(type, json))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage(detail);
    }

    @Test
    void bindsEachComponentByItsType() throws Exception {
        Sample s = read(
                Sample.class,
                "{\"name\": \"n\", \"count\": 3, \"ids\": [1, 2], \"tag\": 7, \"at\": \"2030-01-01T00:00:00+01:00\","
                        + " \"on\": true}");
        assertThat(s).isEqualTo(new Sample("n", 3L, List.of(1L, 2L), "7", Instant.parse("2029-12-31T23:00:00Z"), true));
        assertThat(read(Sample.class, "{\"name\": null}")).isEqualTo(new Sample(null, null, null, null, null, null));
        assertThat(read(Sample.class, "{\"on\": false}").on()).isFalse();
        assertThat(read(Required.class, "{\"id\": 5}").id()).isEqualTo(5);
    }

    @Test
    void refusesAnythingButOneObjectWithoutDuplicateKeys() {
        assertRefused(Sample.class, "", "the body is empty; expected a JSON object");
        assertRefused(Sample.class, "not json", "the body is not valid JSON");
        assertRefused(Sample.class, "[1]", "the body must be a JSON object");
        assertRefused(Sample.class, "{\"name\": \"x\", \"name\": \"y\"}", "the body is not valid JSON");
    }

    @Test
    void refusesUnknownKeysAndWrongTypesWithTheirDetail() {
        assertRefused(Sample.class, "{\"nam\": \"x\"}", "unknown key 'nam'; expected {\"name\": \"...\"}");
        assertRefused(Sample.class, "{\"a\\u0000b\": 1}", "unknown key 'a?b'; expected {\"name\": \"...\"}");
        assertRefused(Sample.class, "{\"name\": 5}", "expected {\"name\": \"...\"}");
        assertRefused(Sample.class, "{\"count\": 1.5}", "'count' must be a whole number");
        assertRefused(Sample.class, "{\"count\": 99999999999999999999}", "'count' must be a whole number");
        assertRefused(Sample.class, "{\"ids\": null}", "'ids' must be ids");
        assertRefused(Sample.class, "{\"ids\": [\"1\"]}", "'ids' must be ids");
        assertRefused(
                Sample.class, "{\"at\": \"2030-01-01T00:00:00\"}", "'at' must be an RFC 3339 timestamp with an offset");
        assertRefused(Sample.class, "{\"on\": 1}", "'on' must be true or false");
        assertRefused(Sample.class, "{\"on\": \"true\"}", "'on' must be true or false");
        assertRefused(Required.class, "{}", "expected {\"id\": <id>}");
        assertRefused(Required.class, "{\"id\": null}", "expected {\"id\": <id>}");
        assertRefused(Required.class, "{\"id\": 1e400}", "expected {\"id\": <id>}");
    }
}
