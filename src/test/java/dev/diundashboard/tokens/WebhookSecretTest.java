package dev.diundashboard.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {

    @Test
    void anUnsetSecretIsValidAndAnEmptyOrBlankOneIsNot() {
        assertThat(WebhookSecret.valid(Optional.empty())).isTrue();
        assertThat(WebhookSecret.valid(Optional.of("s3cret"))).isTrue();
        assertThat(WebhookSecret.valid(Optional.of(""))).isFalse();
        assertThat(WebhookSecret.valid(Optional.of("  \t"))).isFalse();
        assertThat(WebhookSecret.EMPTY).startsWith("WEBHOOK_SECRET");
    }
}
