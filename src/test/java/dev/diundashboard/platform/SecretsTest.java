package dev.diundashboard.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void newTokensAreLongRandomAndUrlSafe() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String token = Secrets.newToken();
            assertThat(token).startsWith("diun_").hasSize(48).matches("diun_[A-Za-z0-9_-]+");
            seen.add(token);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void theStoredHashIsSha256HexAndNotTheToken() {
        assertThat(Secrets.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void secretsMatchOnlyExactly() {
        assertThat(Secrets.matches("s3cret", "s3cret")).isTrue();
        assertThat(Secrets.matches("s3cret ", "s3cret")).isFalse();
        assertThat(Secrets.matches("", "s3cret")).isFalse();
    }
}
