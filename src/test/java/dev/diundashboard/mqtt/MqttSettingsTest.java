package dev.diundashboard.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** MQTT_URL and MQTT_DISCOVERY_PREFIX: what is accepted, what is refused, and that no password shows. */
class MqttSettingsTest {

    private static MqttSettings parse(String url) {
        return MqttSettings.from(Optional.of(url), Optional.empty()).orElseThrow();
    }

    @Test
    void unsetMeansOff() {
        assertThat(MqttSettings.from(Optional.empty(), Optional.of("ha"))).isEmpty();
    }

    @Test
    void plainAndTlsWithTheirDefaultPorts() {
        MqttSettings plain = parse("mqtt://broker");
        assertThat(plain.tls()).isFalse();
        assertThat(plain.port()).isEqualTo(1883);
        assertThat(plain.serverUri()).isEqualTo("tcp://broker:1883");
        assertThat(plain.user()).isNull();
        assertThat(plain.prefix()).isEqualTo("homeassistant");

        MqttSettings tls = parse("mqtts://broker.example/");
        assertThat(tls.tls()).isTrue();
        assertThat(tls.port()).isEqualTo(8883);
        assertThat(tls.serverUri()).isEqualTo("ssl://broker.example:8883");
        assertThat(parse("mqtt://[::1]:1884").serverUri()).isEqualTo("tcp://[::1]:1884");
    }

    @Test
    void credentialsAreDecodedAndNeverShown() {
        MqttSettings s = parse("mqtt://ha%40home:s%3Acr%2Fet+1@broker:1884");
        assertThat(s.user()).isEqualTo("ha@home");
        assertThat(s.password()).isEqualTo("s:cr/et+1");
        assertThat(s.shownUrl()).isEqualTo("mqtt://broker:1884");
        assertThat(s.toString()).doesNotContain("s:cr", "cr%2Fet", "ha@home");

        MqttSettings userOnly = parse("mqtt://dashboard@broker");
        assertThat(userOnly.user()).isEqualTo("dashboard");
        assertThat(userOnly.password()).isNull();
    }

    @Test
    void theDiscoveryPrefixIsATopicWithoutWildcards() {
        assertThat(MqttSettings.from(Optional.of("mqtt://b"), Optional.of(" ha/test "))
                        .orElseThrow()
                        .prefix())
                .isEqualTo("ha/test");
        assertThat(MqttSettings.from(Optional.of("mqtt://b"), Optional.of(" "))
                        .orElseThrow()
                        .prefix())
                .as("blank means the default")
                .isEqualTo("homeassistant");
        for (String bad : new String[] {"home/+", "#", "/ha", "ha/", "ha//x", "ha\u0000", "x".repeat(201)}) {
            assertThatThrownBy(() -> MqttSettings.from(Optional.of("mqtt://b"), Optional.of(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("MQTT_DISCOVERY_PREFIX must be an MQTT topic");
        }
    }

    @Test
    void malformedUrlsAreRefusedWithoutEchoingThePassword() {
        String[][] cases = {
            {"", "MQTT_URL is set but empty or blank: set a broker URL, or unset it"},
            {"   ", "MQTT_URL is set but empty or blank"},
            {"tcp://u:hunter2@broker:1883", "must start with mqtt:// or mqtts:// (got 'tcp://')"},
            {"broker:1883", "must start with mqtt:// or mqtts://"},
            {"mqtt://u:hunter2@", "names no host"},
            {"mqtt://u:hunter2@broker:1883/topic", "must be only scheme, user, password, host and port"},
            {"mqtt://u:hunter2@broker?x=1", "must be only scheme"},
            {"mqtt://:hunter2@broker", "has a password but no user name"},
            {"mqtt://u:hunter2@bro ker", "is not a valid URL"},
            {"mqtt://u:hunter2@broker:99999", "its port must be from 1 to 65535"},
            {"mqtt://u:hunter2@broker:0", "its port must be from 1 to 65535"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> MqttSettings.from(Optional.of(c[0]), Optional.empty()))
                    .as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("MQTT_URL ")
                    .hasMessageContaining(c[1])
                    .hasMessageNotContaining("hunter2");
        }
    }
}
