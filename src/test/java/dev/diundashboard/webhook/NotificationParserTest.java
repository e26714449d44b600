package dev.diundashboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.updates.Notification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationParserTest {

    private final NotificationParser parser = new NotificationParser();

    private static final String DIUN = """
            {"diun_version":"4.29.0","hostname":"docker-host","status":"new","provider":"docker",
             "image":"docker.io/crazymax/diun:latest","hub_link":"https://hub.docker.com/r/crazymax/diun",
             "mime_type":"application/vnd.docker.distribution.manifest.list.v2+json",
             "digest":"sha256:216e3ae7de4ca8b553eb11ef7abda00651e79e537e85c46108284e5e91673e01",
             "created":"2020-03-26T12:23:56.123456789+01:00","platform":"linux/amd64",
             "metadata":{"ctn_names":"diun","ctn_state":"running"}}""";

    private Notification parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRefused(String json, String message) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining(message);
    }

    @Test
    void parsesEveryFieldOfADiunPayload() {
        Notification n = parse(DIUN);

        assertThat(n.diunVersion()).isEqualTo("4.29.0");
        assertThat(n.hostname()).isEqualTo("docker-host");
        assertThat(n.status()).isEqualTo("new");
        assertThat(n.provider()).isEqualTo("docker");
        assertThat(n.image()).isEqualTo("docker.io/crazymax/diun:latest");
        assertThat(n.hubLink()).isEqualTo("https://hub.docker.com/r/crazymax/diun");
        assertThat(n.mimeType()).isEqualTo("application/vnd.docker.distribution.manifest.list.v2+json");
        assertThat(n.digest()).startsWith("sha256:216e");
        assertThat(n.platform()).isEqualTo("linux/amd64");
        assertThat(n.metadataJson()).isEqualTo("{\"ctn_names\":\"diun\",\"ctn_state\":\"running\"}");
        assertThat(n.payloadJson()).isEqualTo(DIUN);
    }

    @Test
    void createdWithNineDigitsAndAnOffsetBecomesUtcMicroseconds() {
        assertThat(parse(DIUN).created()).isEqualTo(Instant.parse("2020-03-26T11:23:56.123456Z"));
    }

    @Test
    void nullCreatedAndMetadataAreAccepted() {
        Notification n = parse("{\"image\":\"docker.io/diun/testnotif:latest\",\"created\":null,\"metadata\":null,"
                + "\"hub_link\":\"\"}");

        assertThat(n.created()).isNull();
        assertThat(n.metadataJson()).isNull();
        assertThat(n.hubLink()).isEmpty();
        assertThat(n.hostname()).isEmpty();
    }

    @Test
    void imageIsRequired() {
        assertRefused("{\"hostname\":\"h\"}", "'image' is required");
        assertRefused("{\"image\":\"\"}", "'image' is required");
        assertRefused("{\"image\":null}", "'image' is required");
    }

    @Test
    void wrongTypesAreRefused() {
        assertRefused("{\"image\":{\"a\":1}}", "'image' must be a string");
        assertRefused("{\"image\":\"x\",\"metadata\":[1]}", "'metadata' must be an object");
        assertRefused("{\"image\":\"x\",\"metadata\":5}", "'metadata' must be an object");
        assertRefused("{\"image\":\"x\",\"created\":\"soon\"}", "RFC 3339");
        assertRefused("{\"image\":\"x\",\"status\":7}", "'status' must be a string");
    }

    @Test
    void malformedBodiesAreRefused() {
        assertRefused("", "empty");
        assertRefused("   ", "empty");
        assertRefused("{\"image\":", "malformed JSON");
        assertRefused("[]", "must be a JSON object");
        assertRefused("\"image\"", "must be a JSON object");
        assertRefused("{\"image\":\"a\",\"image\":\"b\"}", "malformed JSON");
        assertRefused("{\"image\":\"a\"} trailing", "malformed JSON");
    }

    @Test
    void textThatADatabaseWouldAlterIsRefused() {
        assertRefused("{\"image\":\"a\\u0000b\"}", "NUL");
        assertRefused("{\"image\":\"x\",\"metadata\":{\"k\":\"\\ud800\"}}", "unpaired surrogate");
        assertRefused("{\"image\":\"a\\nb\"}", "control characters");
        assertRefused("{\"image\":\"x\",\"n\":1e999999}", "out of range");
        assertThatThrownBy(() -> parser.parse(new byte[] {'{', '"', (byte) 0xc3, '"', '}'}))
                .hasMessageContaining("UTF-8");
    }

    @Test
    void oversizedFieldsAndDeepNestingAreRefused() {
        assertRefused("{\"image\":\"" + "a".repeat(10_000) + "\"}", "longer than");
        assertRefused("{\"image\":\"x\",\"deep\":" + "[".repeat(100) + "]".repeat(100) + "}", "nested");
    }

    @Test
    void limitsAreInUtf8BytesAndMetadataIsCappedAt64KiB() {
        assertThat(parse("{\"image\":\"" + "\u00e9".repeat(512) + "\"}").image())
                .hasSize(512);
        assertRefused("{\"image\":\"" + "\u4e00".repeat(1024) + "\"}", "longer than 1024 bytes");
        assertRefused("{\"image\":\"x\",\"hostname\":\"" + "\u00e9".repeat(128) + "\"}", "255 bytes");
        assertRefused("{\"image\":\"x\",\"status\":\"" + "s".repeat(65) + "\"}", "64 bytes");
        assertRefused("{\"image\":\"x\",\"platform\":\"" + "p".repeat(2049) + "\"}", "2048 bytes");
        String fits = "m".repeat(64 * 1024 - 8);
        assertThat(parse("{\"image\":\"x\",\"metadata\":{\"k\":\"" + fits + "\"}}")
                        .metadataJson())
                .hasSize(64 * 1024);
        assertRefused("{\"image\":\"x\",\"metadata\":{\"k\":\"" + fits + "m\"}}", "64 KiB");
    }

    @Test
    void createdOutsideTheYears0001To9999IsRefused() {
        assertThat(parse("{\"image\":\"x\",\"created\":\"0001-01-01T00:00:00Z\"}")
                        .created())
                .isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        assertRefused("{\"image\":\"x\",\"created\":\"0001-01-01T00:00:00+01:00\"}", "0001 and 9999");
        assertRefused("{\"image\":\"x\",\"created\":\"+10000-01-01T00:00:00Z\"}", "0001 and 9999");
    }

    @Test
    void controlCharactersAreRefusedInStatusAndHostname() {
        assertRefused("{\"image\":\"x\",\"status\":\"new\\n\"}", "control characters");
        assertRefused("{\"image\":\"x\",\"hostname\":\"a\\u0085\"}", "control characters");
    }

    @Test
    void unicodeAndEmojiAreKept() {
        Notification n = parse("{\"image\":\"x\",\"metadata\":{\"k\":\"ünï 👨‍👩‍👧 \\u200f\"}}");

        assertThat(n.metadataJson()).contains("ünï 👨‍👩‍👧");
    }
}
