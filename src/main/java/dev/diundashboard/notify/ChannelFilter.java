package dev.diundashboard.notify;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.versions.Glob;
import dev.diundashboard.versions.VersionClass;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * Which updates a channel tells of: any subset of a host glob, a tag (its id, or {@code none}), a
 * stack glob and a version class; every part it names must match. No part: everything.
 */
public record ChannelFilter(String host, String tag, String stack, String versionClass) {

    public static final ChannelFilter ALL = new ChannelFilter(null, null, null, null);

    /** What the filter needs to know of an update. */
    public record Candidate(String hostname, Long tagId, String stack, String versionClass) {}

    public boolean matches(Candidate u) {
        return (host == null || Glob.compile(host).matches(u.hostname()))
                && (tag == null || (tag.equals("none") ? u.tagId() == null : tag.equals(String.valueOf(u.tagId()))))
                && (stack == null || (u.stack() != null && Glob.compile(stack).matches(u.stack())))
                && (versionClass == null || versionClass.equals(u.versionClass()));
    }

    /** As stored in {@code channels.filter}: JSON text, or null for everything. */
    static ChannelFilter stored(String json) {
        return json == null ? ALL : parse(Channel.json(json));
    }

    /** From the API's {@code filter} object (null or absent: everything); a 400 says what is wrong. */
    static ChannelFilter parse(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return ALL;
        }
        if (!(value instanceof JsonObject filter)) {
            throw ApiException.badRequest("'filter' must be an object: {\"host\", \"tag\", \"stack\", \"class\"}");
        }
        for (String key : filter.keySet()) {
            if (!Set.of("host", "tag", "stack", "class").contains(key)) {
                throw ApiException.badRequest("'filter." + key + "' is unknown; expected host, tag, stack or class");
            }
        }
        String tag = text(filter, "tag");
        if (tag != null && !tag.equals("none") && !tag.matches("[1-9][0-9]{0,17}")) {
            throw ApiException.badRequest("'filter.tag' must be a tag id or none");
        }
        String versionClass = text(filter, "class");
        if (versionClass != null) {
            try {
                VersionClass.parse(versionClass);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("'filter.class' must be major, minor, patch, digest or other");
            }
        }
        return new ChannelFilter(glob(filter, "host"), tag, glob(filter, "stack"), versionClass);
    }

    private static String glob(JsonObject filter, String name) {
        String glob = text(filter, name);
        if (glob != null) {
            try {
                Glob.compile(glob);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("'filter." + name + "': " + e.getMessage());
            }
        }
        return glob;
    }

    private static String text(JsonObject filter, String name) {
        JsonValue v = filter.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw ApiException.badRequest("'filter." + name + "' must be text");
        }
        String text = s.getString().strip();
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("'filter." + name + "' must not hold control characters");
        }
        return text.isEmpty() ? null : text;
    }

    public JsonObject json() {
        JsonObjectBuilder b = Json.createObjectBuilder();
        put(b, "host", host);
        put(b, "tag", tag);
        put(b, "stack", stack);
        put(b, "class", versionClass);
        return b.build();
    }

    private static void put(JsonObjectBuilder b, String name, String value) {
        if (value != null) {
            b.add(name, value);
        }
    }
}
