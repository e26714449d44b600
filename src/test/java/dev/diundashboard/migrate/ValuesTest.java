package dev.diundashboard.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValuesTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void canonicalTimestampsAreRecognizedExactly() {
        assertThat(Values.isCanonicalTimestamp(ascii("2024-02-29T23:59:59.999999Z")))
                .isTrue();
        assertThat(Values.isCanonicalTimestamp(ascii("0001-01-01T00:00:00.000000Z")))
                .isTrue();
        assertThat(Values.isCanonicalTimestamp(ascii("2023-02-29T00:00:00.000000Z")))
                .isFalse();
        assertThat(Values.isCanonicalTimestamp(ascii("2024-13-01T00:00:00.000000Z")))
                .isFalse();
        assertThat(Values.isCanonicalTimestamp(ascii("2024-01-01T24:00:00.000000Z")))
                .isFalse();
        assertThat(Values.isCanonicalTimestamp(ascii("2024-01-01T00:00:00.00000Z")))
                .isFalse();
        assertThat(Values.isCanonicalTimestamp(ascii("2024-01-01 00:00:00.000000Z")))
                .isFalse();
        assertThat(Values.isCanonicalTimestamp(ascii("0000-01-01T00:00:00.000000Z")))
                .isFalse();
    }

    @Test
    void timestampsWithOffsetsBecomeUtcMicroseconds() throws Exception {
        assertThat(new String(Values.canonicalTimestamp("2024-05-01T12:00:00.5+02:00"), StandardCharsets.US_ASCII))
                .isEqualTo("2024-05-01T10:00:00.500000Z");
        assertThat(new String(
                        Values.canonicalTimestamp("2024-02-03T10:22:15.123456000+01:00"), StandardCharsets.US_ASCII))
                .isEqualTo("2024-02-03T09:22:15.123456Z");
    }

    @Test
    void timestampsThatWouldBeAlteredAreRefused() {
        assertThatThrownBy(() -> Values.canonicalTimestamp("2024-02-03T10:22:15.123456789+01:00"))
                .hasMessageContaining("finer than a microsecond");
        assertThatThrownBy(() -> Values.canonicalTimestamp("2024-02-03 10:22:15"))
                .hasMessageContaining("not a timestamp with an offset");
        assertThatThrownBy(() -> Values.canonicalTimestamp("+10000-01-01T00:00:00Z"))
                .isInstanceOf(Values.InvalidTimestampException.class);
    }

    @Test
    void invalidUtf8IsFoundAndValidUtf8Passes() {
        Values values = new Values();
        assertThat(values.utf8Problem("plain ascii".getBytes(StandardCharsets.UTF_8)))
                .isNull();
        assertThat(values.utf8Problem("é 👩‍👩‍👧 \u202E".getBytes(StandardCharsets.UTF_8)))
                .isNull();
        assertThat(values.utf8Problem(new byte[] {'a', (byte) 0xC3})).contains("invalid UTF-8");
        assertThat(values.utf8Problem(new byte[] {(byte) 0xC0, (byte) 0x80})).contains("invalid UTF-8"); // overlong
        assertThat(values.utf8Problem(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}))
                .contains("invalid UTF-8"); // an encoded surrogate
        assertThat(values.utf8Problem(new byte[] {(byte) 0xFF})).contains("invalid UTF-8");
    }
}
