package dev.diundashboard.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void objectKeysAreSortedAtEveryLevelAndValuesKept() {
        String canonical = CanonicalJson.parse("{\"b\":1,\"a\":{\"z\":[{\"y\":2,\"x\":\"é\"}],\"c\":null}}")
                .toString();

        assertThat(canonical).isEqualTo("{\"a\":{\"c\":null,\"z\":[{\"x\":\"é\",\"y\":2}]},\"b\":1}");
    }

    @Test
    void nullStaysNull() {
        assertThat(CanonicalJson.parse(null)).isNull();
    }
}
