package dev.diundashboard.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StackKeysTest {

    @Test
    void theFirstKeyWithATextValueWinsInTheSettingsOrder() {
        StackKeys keys = StackKeys.DEFAULT;
        assertThat(keys.stackOf(Json.createObjectBuilder()
                        .add("pod_namespace", "kube-system")
                        .add("stack", " media ")
                        .build()))
                .isEqualTo("media");
        assertThat(keys.stackOf(Json.createObjectBuilder()
                        .add("stack", "  ")
                        .add("stack_number", 3)
                        .add("job_name", "web")
                        .build()))
                .isEqualTo("web");
        assertThat(keys.stackOf(Json.createObjectBuilder().add("stack", 7).build()))
                .isNull();
        assertThat(keys.stackOf(JsonValue.NULL)).isNull();
        assertThat(keys.stackOf(null)).isNull();
        assertThat(keys.stackOf(
                        Json.createObjectBuilder().add("ctn_names", "web").build()))
                .isNull();
    }

    @Test
    void aLongValueIsCutAtWholeCharacters() {
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        String stack = StackKeys.DEFAULT.stackOf(
                Json.createObjectBuilder().add("stack", emoji.repeat(300)).build());
        assertThat(stack.codePointCount(0, stack.length())).isEqualTo(StackKeys.MAX_LENGTH);
        assertThat(stack).isEqualTo(emoji.repeat(StackKeys.MAX_LENGTH));
    }

    @Test
    void theSettingReplacesTheDefaultAndMustNameKeys() {
        assertThat(StackKeys.parse(Optional.empty())).isEqualTo(StackKeys.DEFAULT);
        assertThat(StackKeys.parse(Optional.of(" "))).isEqualTo(StackKeys.DEFAULT);
        assertThat(StackKeys.parse(Optional.of("team, app")).keys()).containsExactly("team", "app");
        assertThatThrownBy(() -> StackKeys.parse(Optional.of("team,,app")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STACK_KEYS");
    }
}
