package dev.diundashboard.platform;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stored JSON as API output with object keys in sorted order. PostgreSQL's jsonb reorders keys and
 * SQLite keeps them as received; sorting on the way out makes both backends answer identically.
 */
public final class CanonicalJson {

    /** Looked up once: each {@code Json.create...} call searches the class path for a provider. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private CanonicalJson() {}

    public static JsonValue parse(String json) {
        if (json == null) {
            return null;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            return canonical(reader.readValue());
        }
    }

    private static JsonValue canonical(JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> {
                JsonObjectBuilder builder = JSON.createObjectBuilder();
                Map<String, JsonValue> sorted = new TreeMap<>(value.asJsonObject());
                sorted.forEach((k, v) -> builder.add(k, canonical(v)));
                return builder.build();
            }
            case ARRAY -> {
                JsonArrayBuilder builder = JSON.createArrayBuilder();
                value.asJsonArray().forEach(v -> builder.add(canonical(v)));
                return builder.build();
            }
            default -> {
                return value;
            }
        }
    }
}
