package dev.diundashboard.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the filter finds the token a webhook presents (moved here from the token hash tests). */
class WebhookAuthFilterTest {

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
