package dev.diundashboard.notify;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.InputRules;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * A channel's settings, checked: {@code {"type", "name", "mode", "windowSeconds", "schedule",
 * "filter", "config"}}. A new channel needs type, name, mode and config (and a schedule in mode
 * digest); a change names what it changes, and its config fields default to the stored ones.
 */
public record ChannelSettings(
        String name, String mode, int windowSeconds, Schedule schedule, ChannelFilter filter, ChannelConfig config) {

    static final int DEFAULT_WINDOW_SECONDS = 60;

    private static final Set<String> KEYS =
            Set.of("type", "name", "mode", "windowSeconds", "schedule", "filter", "config");

    /** From a request body; {@code stored} is the channel's settings for a change, null for a new one. */
    static ChannelSettings of(JsonObject body, ChannelSettings stored) {
        for (String key : body.keySet()) {
            if (!KEYS.contains(key)) {
                throw ApiException.badRequest("'" + key + "' is unknown; expected "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        ChannelType type = stored == null ? null : stored.config().type();
        String typeText = text(body, "type");
        if (typeText != null) {
            ChannelType asked = ChannelType.parse(typeText);
            if (asked == null) {
                throw ApiException.badRequest("'type' must be ntfy, gotify, discord, slack, email or webhook");
            }
            if (type != null && asked != type) {
                throw ApiException.badRequest("a channel's type cannot change; create a new channel");
            }
            type = asked;
        }
        if (type == null) {
            throw ApiException.badRequest("a channel needs 'type': ntfy, gotify, discord, slack, email or webhook");
        }
        String name = text(body, "name");
        name = name != null ? InputRules.name("channel name", name) : stored == null ? null : stored.name();
        if (name == null) {
            throw ApiException.badRequest("a channel needs 'name'");
        }
        String mode = text(body, "mode");
        mode = mode != null ? mode : stored == null ? null : stored.mode();
        if (mode == null || !Set.of("run", "digest", "each").contains(mode)) {
            throw ApiException.badRequest("'mode' must be run, digest or each");
        }
        int window = stored == null ? DEFAULT_WINDOW_SECONDS : stored.windowSeconds();
        JsonValue w = body.get("windowSeconds");
        if (w != null && w.getValueType() != JsonValue.ValueType.NULL) {
            if (!(w instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 5 || n.longValue() > 86_400) {
                throw ApiException.badRequest("'windowSeconds' must be a whole number from 5 to 86400");
            }
            window = n.intValue();
        }
        Schedule schedule = null;
        if (mode.equals("digest")) {
            JsonValue s = body.get("schedule");
            schedule = s != null ? Schedule.parse(s) : stored == null ? null : stored.schedule();
            if (schedule == null) {
                schedule = Schedule.parse(null); // says what a digest channel needs
            }
        } else if (body.containsKey("schedule") && body.get("schedule").getValueType() != JsonValue.ValueType.NULL) {
            throw ApiException.badRequest("'schedule' is only for mode digest");
        }
        ChannelFilter filter = body.containsKey("filter")
                ? ChannelFilter.parse(body.get("filter"))
                : stored == null ? ChannelFilter.ALL : stored.filter();
        JsonValue config = body.get("config");
        if (config != null && !(config instanceof JsonObject)) {
            throw ApiException.badRequest("'config' must be an object");
        }
        if (config == null && stored == null) {
            throw ApiException.badRequest("a channel needs 'config'");
        }
        ChannelConfig merged = ChannelConfig.merged(
                type,
                (JsonObject) config,
                stored == null ? null : stored.config().stored());
        return new ChannelSettings(name, mode, window, schedule, filter, merged);
    }

    private static String text(JsonObject body, String name) {
        JsonValue v = body.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw ApiException.badRequest("'" + name + "' must be text");
        }
        return s.getString();
    }
}
