package dev.diundashboard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InputRulesTest {

    private static void assertRefused(Runnable check, String message) {
        assertThatThrownBy(check::run)
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining(message);
    }

    @Test
    void lineCountsUtf8BytesNotCharacters() {
        String cjk = "\u4e00".repeat(341); // 1023 bytes
        assertThat(InputRules.line("image", cjk, InputRules.IMAGE_BYTES)).isEqualTo(cjk);
        assertRefused(() -> InputRules.line("image", cjk + "\u00e9", InputRules.IMAGE_BYTES), "1024 bytes");
        assertRefused(() -> InputRules.line("image", "\u4e00".repeat(1024), InputRules.IMAGE_BYTES), "1024 bytes");
        assertThat(InputRules.line("image", "a".repeat(1024), InputRules.IMAGE_BYTES))
                .hasSize(1024);
        assertRefused(() -> InputRules.line("image", "a".repeat(1025), InputRules.IMAGE_BYTES), "'image'");
        String emoji = "\ud83d\ude00".repeat(256); // 1024 bytes, 512 UTF-16 units
        assertThat(InputRules.line("image", emoji, InputRules.IMAGE_BYTES)).isEqualTo(emoji);
        assertRefused(() -> InputRules.line("image", emoji + "a", InputRules.IMAGE_BYTES), "bytes");
    }

    @Test
    void utf8BytesAgreesWithTheEncoder() {
        Random random = new Random(42);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(20); i > 0; i--) {
                int cp;
                do {
                    cp = random.nextInt(4) == 0 ? random.nextInt(0x110000) : random.nextInt(0x800);
                } while (cp >= 0xd800 && cp <= 0xdfff);
                b.appendCodePoint(cp);
            }
            String s = b.toString();
            assertThat(InputRules.utf8Bytes(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void nulUnpairedSurrogatesAndControlCharactersAreRefused() {
        assertRefused(() -> InputRules.line("q", "a\u0000", 100), "NUL");
        assertRefused(() -> InputRules.text("digest", "a\u0000", 100), "NUL");
        assertRefused(() -> InputRules.line("host", "\ud800", 100), "unpaired surrogate");
        assertRefused(() -> InputRules.line("host", "a\udc00b", 100), "unpaired surrogate");
        assertRefused(() -> InputRules.line("host", "\ude00\ud83d", 100), "unpaired surrogate");
        assertRefused(() -> InputRules.text("digest", "x\ud83d", 100), "unpaired surrogate");
        for (char c : new char[] {'\n', '\t', '\r', 0x1f, 0x7f, 0x85, 0x9f}) {
            assertRefused(() -> InputRules.line("status", "a" + c, 100), "control characters");
        }
        assertThat(InputRules.text("provider", "two\nlines", 100)).isEqualTo("two\nlines");
        assertThat(InputRules.line("host", "h\u00a0\u200f\ud83d\ude00", 100)).isNotEmpty();
    }

    @Test
    void namesAreStrippedNonEmptyOneLineAndAtMostOneHundredCharacters() {
        assertThat(InputRules.name("tag name", "  prod  ")).isEqualTo("prod");
        assertThat(InputRules.name("tag name", "n".repeat(100))).hasSize(100);
        assertRefused(() -> InputRules.name("tag name", "n".repeat(101)), "at most 100");
        assertRefused(() -> InputRules.name("tag name", " \t "), "must not be empty");
        assertRefused(() -> InputRules.name("tag name", null), "must not be empty");
        assertRefused(() -> InputRules.name("token name", "a\u0000b"), "NUL");
        assertRefused(() -> InputRules.name("token name", "a\nb"), "control characters");
        assertRefused(() -> InputRules.name("token name", "\udbff"), "unpaired surrogate");
    }

    @Test
    void timestampsAreYears0001To9999InUtcTruncatedToMicroseconds() {
        assertThat(InputRules.timestamp("created", "0001-01-01T00:00:00Z")).isEqualTo(InputRules.EARLIEST);
        assertThat(InputRules.timestamp("created", "0001-01-01T01:00:00+01:00")).isEqualTo(InputRules.EARLIEST);
        assertThat(InputRules.timestamp("created", "9999-12-31T23:59:59.999999999Z"))
                .isEqualTo(InputRules.LATEST);
        assertThat(InputRules.timestamp("expiresAt", "2024-05-01T10:20:30.123456789+02:00"))
                .isEqualTo(Instant.parse("2024-05-01T08:20:30.123456Z"));
        assertThat(InputRules.timestamp("created", "2024-05-01T08:20:30.9999999Z"))
                .isEqualTo(Instant.parse("2024-05-01T08:20:30.999999Z"));
        for (String outside : new String[] {
            "0000-12-31T23:59:59.999999Z",
            "0001-01-01T00:00:00+00:01",
            "-0001-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z",
            "9999-12-31T23:59:59-00:01",
            "+999999999-12-31T23:59:59Z"
        }) {
            assertRefused(() -> InputRules.timestamp("created", outside), "between the years 0001 and 9999");
        }
        for (String malformed :
                new String[] {"2024-05-01T08:20:30", "2024-05-01", "yesterday", "2024-02-30T00:00:00Z"}) {
            assertRefused(() -> InputRules.timestamp("expiresAt", malformed), "'expiresAt' must be an RFC 3339");
        }
    }
}
