package dev.diundashboard.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenHashesTest {

    @Test
    void newTokensAreLongRandomAndUrlSafe() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String token = TokenHashes.newToken();
            assertThat(token).startsWith("diun_").hasSize(48).matches("diun_[A-Za-z0-9_-]+");
            seen.add(token);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void theStoredHashIsSha256HexAndNotTheToken() {
        assertThat(TokenHashes.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void secretsMatchOnlyExactly() {
        assertThat(TokenHashes.matches("s3cret", "s3cret")).isTrue();
        assertThat(TokenHashes.matches("s3cret ", "s3cret")).isFalse();
        assertThat(TokenHashes.matches("", "s3cret")).isFalse();
    }

    @Test
    void authorizationHeaderTakesTheTokenAloneOrAfterBearer() {
        assertThat(WebhookAuthFilter.presentedToken("diun_abc")).isEqualTo("diun_abc");
        assertThat(WebhookAuthFilter.presentedToken("Bearer diun_abc")).isEqualTo("diun_abc");
        assertThat(WebhookAuthFilter.presentedToken("bearer   diun_abc ")).isEqualTo("diun_abc");
        assertThat(WebhookAuthFilter.presentedToken("  ")).isNull();
        assertThat(WebhookAuthFilter.presentedToken(null)).isNull();
        assertThat(WebhookAuthFilter.presentedToken("Bearer ")).isNull();
    }
}
