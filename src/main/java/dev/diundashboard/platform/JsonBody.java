package dev.diundashboard.platform;

import jakarta.json.Json;
import jakarta.json.JsonConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.util.Map;

/** Strict parsing of small API request bodies: one JSON object, no duplicate keys. */
public final class JsonBody {

    private static final int MAX_BYTES = 1024 * 1024;
    private static final JsonReaderFactory READERS =
            Json.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    private JsonBody() {}

    public static JsonObject object(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("the body is empty; expected a JSON object");
        }
        if (body.length > MAX_BYTES) {
            throw new ApiException(413, "payload too large", "the body is larger than 1 MiB");
        }
        JsonValue value;
        try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(body))) {
            value = reader.readValue();
        } catch (RuntimeException e) {
            throw ApiException.badRequest("the body is not valid JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return value.asJsonObject();
    }
}
