package dev.diundashboard.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diundashboard.platform.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Secrets are shown masked, kept when a change sends the mask back, and every config is checked. */
class ChannelConfigTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void secretsAreMaskedAndAMaskedOrMissingSecretKeepsTheStoredOne() {
        ChannelConfig ntfy = ChannelConfig.merged(
                ChannelType.NTFY, json("{\"url\": \"https://ntfy.sh\", \"topic\": \"t\", \"token\": \"tk_1\"}"), null);
        assertThat(ntfy.masked().toString()).doesNotContain("tk_1").contains("\"token\":\"********\"");

        ChannelConfig kept = ChannelConfig.merged(ChannelType.NTFY, ntfy.masked(), ntfy.stored());
        assertThat(kept).isEqualTo(ntfy);
        ChannelConfig moved = ChannelConfig.merged(ChannelType.NTFY, json("{\"topic\": \"u\"}"), ntfy.stored());
        assertThat(moved).isEqualTo(new ChannelConfig.Ntfy("https://ntfy.sh", "u", "tk_1"));
        ChannelConfig cleared = ChannelConfig.merged(ChannelType.NTFY, json("{\"token\": null}"), ntfy.stored());
        assertThat(((ChannelConfig.Ntfy) cleared).token()).isNull();

        ChannelConfig discord = ChannelConfig.merged(
                ChannelType.DISCORD, json("{\"url\": \"https://discord.com/api/webhooks/1/secret\"}"), null);
        assertThat(discord.masked().getString("url")).isEqualTo("https://discord.com/********");
        assertThat(ChannelConfig.merged(ChannelType.DISCORD, discord.masked(), discord.stored()))
                .isEqualTo(discord);

        ChannelConfig webhook = ChannelConfig.merged(
                ChannelType.WEBHOOK,
                json("{\"url\": \"https://h.example.com/x\", \"headers\": {\"X-Key\": \"k1\"}}"),
                null);
        assertThat(webhook.masked().toString()).doesNotContain("k1");
        assertThat(((ChannelConfig.Webhook) webhook).method()).isEqualTo("POST");
        assertThat(ChannelConfig.merged(ChannelType.WEBHOOK, webhook.masked(), webhook.stored()))
                .isEqualTo(webhook);

        ChannelConfig email = ChannelConfig.merged(
                ChannelType.EMAIL,
                json(
                        "{\"host\": \"smtp.example.com\", \"port\": 587, \"security\": \"STARTTLS\", \"user\": \"u\","
                                + " \"password\": \"pw\", \"from\": \"diun@example.com\", \"to\": \"a@example.com, b@example.com\"}"),
                null);
        assertThat(email.masked().getString("password")).isEqualTo("********");
        assertThat(((ChannelConfig.Email) email).security()).isEqualTo("starttls");
    }

    @Test
    void badConfigsAreRefusedWithWhatIsWrong() {
        String[][] refused = {
            {"NTFY", "{\"url\": \"ftp://ntfy.sh\", \"topic\": \"t\"}", "http:// or https://"},
            {"NTFY", "{\"url\": \"https://ntfy.sh\"}", "'config.topic'"},
            {"GOTIFY", "{\"url\": \"https://g.example.com\"}", "'config.token'"},
            {"SLACK", "{\"url\": \"javascript:alert(1)\"}", "http:// or https://"},
            {"DISCORD", "{\"url\": \"https://d.example.com\", \"avatar\": \"x\"}", "'config.avatar' is not"},
            {
                "EMAIL",
                "{\"host\": \"h\", \"port\": 70000, \"security\": \"none\", \"from\": \"a@b.c\", \"to\": \"d@e.f\"}",
                "port"
            },
            {
                "EMAIL",
                "{\"host\": \"h\", \"port\": 25, \"security\": \"ssl3\", \"from\": \"a@b.c\", \"to\": \"d@e.f\"}",
                "starttls, tls or none"
            },
            {
                "EMAIL",
                "{\"host\": \"h\", \"port\": 25, \"security\": \"none\", \"from\": \"not an address\", \"to\": \"d@e.f\"}",
                "'config.from'"
            },
            {"WEBHOOK", "{\"url\": \"https://h.example.com\", \"method\": \"GET\"}", "POST, PUT or PATCH"},
            {
                "WEBHOOK",
                "{\"url\": \"https://h.example.com\", \"headers\": {\"Host\": \"x\"}}",
                "not a header one may set"
            },
            {"WEBHOOK", "{\"url\": \"https://h.example.com\", \"headers\": {\"X-A\": \"a\\nb\"}}", "control characters"
            },
        };
        for (String[] r : refused) {
            assertThatThrownBy(() -> ChannelConfig.merged(ChannelType.valueOf(r[0]), json(r[1]), null))
                    .as(r[1])
                    .isInstanceOf(ApiException.class)
                    .hasMessageContaining(r[2]);
        }
    }
}
