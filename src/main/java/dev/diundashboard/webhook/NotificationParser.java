package dev.diundashboard.webhook;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.InputRules;
import dev.diundashboard.updates.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Validates a Diun webhook body. Every key is optional except {@code image}; strings may be null.
 * Refuses what either database would alter or reject (NUL, lone surrogates, numbers out of range,
 * text over the limits of {@link InputRules}), so that both backends store exactly the same thing.
 */
@ApplicationScoped
public class NotificationParser {

    private static final int MAX_NUMBER_DIGITS = 100;
    private static final int MAX_DEPTH = 64;

    /** Made once: each {@code Json.createParser} call searches the class path for a provider. */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private final JsonReaderFactory readers =
            Json.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    public Notification parse(byte[] body) {
        String text = decodeUtf8(body);
        if (text.isBlank()) {
            throw ApiException.badRequest("the body is empty; expected a Diun notification (JSON object)");
        }
        JsonObject json = readObject(text);
        checkValues(json, 0);

        String image = string(json, "image");
        if (image == null || image.isBlank()) {
            throw ApiException.badRequest("'image' is required and must not be empty");
        }
        InputRules.line("image", image, InputRules.IMAGE_BYTES);
        String hostname = line(json, "hostname", InputRules.HOSTNAME_BYTES);
        String status = line(json, "status", InputRules.STATUS_BYTES);

        return new Notification(
                field(json, "diun_version"),
                hostname == null ? "" : hostname,
                status == null ? "" : status,
                field(json, "provider"),
                image,
                field(json, "hub_link"),
                field(json, "mime_type"),
                field(json, "digest"),
                created(json),
                field(json, "platform"),
                metadata(json),
                text);
    }

    private static String decodeUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the body is not valid UTF-8");
        }
    }

    private JsonObject readObject(String text) {
        JsonValue value;
        try (JsonReader reader = readers.createReader(new StringReader(text))) {
            value = reader.readValue();
            requireNothingAfter(text);
        } catch (JsonParsingException e) {
            var location = e.getLocation();
            String where = location == null
                    ? ""
                    : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
            throw ApiException.badRequest("malformed JSON" + where);
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            // Duplicate keys, nesting too deep, trailing content.
            throw ApiException.badRequest("malformed JSON: " + safeMessage(e));
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return value.asJsonObject();
    }

    /** The reader stops after the first value; a body must be exactly one value. */
    private static void requireNothingAfter(String text) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            int depth = 0;
            boolean complete = false;
            while (parser.hasNext()) {
                if (complete) {
                    throw ApiException.badRequest("malformed JSON: content after the object");
                }
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                    depth++;
                } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
                    depth--;
                }
                complete = depth == 0;
            }
        }
    }

    private static String safeMessage(RuntimeException e) {
        String message = e.getMessage() == null ? "unreadable" : e.getMessage();
        if (message.toLowerCase().contains("duplicate")) {
            return "duplicate keys";
        }
        if (message.toLowerCase().contains("depth")) {
            return "nested too deeply";
        }
        return "unreadable";
    }

    private static String string(JsonObject json, String key) {
        JsonValue value = json.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw ApiException.badRequest("'" + key + "' must be a string or null");
        }
        return ((JsonString) value).getString();
    }

    private static String line(JsonObject json, String key, int maxBytes) {
        String s = string(json, key);
        return s == null ? null : InputRules.line(key, s, maxBytes);
    }

    private static String field(JsonObject json, String key) {
        String s = string(json, key);
        return s == null ? null : InputRules.text(key, s, InputRules.FIELD_BYTES);
    }

    private static Instant created(JsonObject json) {
        String created = string(json, "created");
        if (created == null || created.isEmpty()) {
            return null;
        }
        return InputRules.timestamp("created", created);
    }

    private static String metadata(JsonObject json) {
        JsonValue value = json.get("metadata");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.badRequest("'metadata' must be an object or null");
        }
        String serialized = value.toString();
        if (InputRules.utf8Bytes(serialized) > InputRules.METADATA_BYTES) {
            throw ApiException.badRequest(
                    "'metadata' is larger than " + InputRules.METADATA_BYTES / 1024 + " KiB serialized");
        }
        return serialized;
    }

    /** NUL and unpaired surrogates cannot be stored by PostgreSQL; huge numbers not by jsonb. */
    private static void checkValues(JsonValue value, int depth) {
        if (depth > MAX_DEPTH) {
            throw ApiException.badRequest("the body is nested more than " + MAX_DEPTH + " levels deep");
        }
        switch (value.getValueType()) {
            case OBJECT -> {
                for (Map.Entry<String, JsonValue> e : value.asJsonObject().entrySet()) {
                    InputRules.storable("the body", e.getKey());
                    checkValues(e.getValue(), depth + 1);
                }
            }
            case ARRAY -> {
                JsonArray array = value.asJsonArray();
                for (int i = 0; i < array.size(); i++) {
                    checkValues(array.get(i), depth + 1);
                }
            }
            case STRING -> InputRules.storable("the body", ((JsonString) value).getString());
            case NUMBER -> {
                var number = ((JsonNumber) value).bigDecimalValue();
                if (number.precision() > MAX_NUMBER_DIGITS || Math.abs(number.scale()) > MAX_NUMBER_DIGITS) {
                    throw ApiException.badRequest("a number in the body is out of range");
                }
            }
            default -> {}
        }
    }
}
