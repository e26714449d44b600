package dev.diundashboard.webhook;

import dev.diundashboard.platform.ApiException;
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
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Validates a Diun webhook body. Every key is optional except {@code image}; strings may be null.
 * Refuses what either database would alter or reject (NUL, lone surrogates, numbers out of range), so
 * that both backends store exactly the same thing.
 */
@ApplicationScoped
public class NotificationParser {

    static final int MAX_IMAGE = 1024;
    static final int MAX_HOSTNAME = 255;
    static final int MAX_FIELD = 2048;
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

        String image = string(json, "image", MAX_IMAGE);
        if (image == null || image.isBlank()) {
            throw ApiException.badRequest("'image' is required and must not be empty");
        }
        checkNoControlCharacters("image", image);
        String hostname = string(json, "hostname", MAX_HOSTNAME);
        checkNoControlCharacters("hostname", hostname == null ? "" : hostname);
        String status = string(json, "status", 64);

        return new Notification(
                string(json, "diun_version", MAX_FIELD),
                hostname == null ? "" : hostname,
                status == null ? "" : status,
                string(json, "provider", MAX_FIELD),
                image,
                string(json, "hub_link", MAX_FIELD),
                string(json, "mime_type", MAX_FIELD),
                string(json, "digest", MAX_FIELD),
                created(json),
                string(json, "platform", MAX_FIELD),
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

    private static String string(JsonObject json, String key, int maxLength) {
        JsonValue value = json.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw ApiException.badRequest("'" + key + "' must be a string or null");
        }
        String s = ((JsonString) value).getString();
        if (s.length() > maxLength) {
            throw ApiException.badRequest("'" + key + "' is longer than " + maxLength + " characters");
        }
        return s;
    }

    private static Instant created(JsonObject json) {
        String created = string(json, "created", 64);
        if (created == null || created.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(created, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant()
                    .truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'created' must be an RFC 3339 timestamp or null");
        }
    }

    private static String metadata(JsonObject json) {
        JsonValue value = json.get("metadata");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.badRequest("'metadata' must be an object or null");
        }
        return value.toString();
    }

    private static void checkNoControlCharacters(String key, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw ApiException.badRequest("'" + key + "' must not contain control characters");
            }
        }
    }

    /** NUL and unpaired surrogates cannot be stored by PostgreSQL; huge numbers not by jsonb. */
    private static void checkValues(JsonValue value, int depth) {
        if (depth > MAX_DEPTH) {
            throw ApiException.badRequest("the body is nested more than " + MAX_DEPTH + " levels deep");
        }
        switch (value.getValueType()) {
            case OBJECT -> {
                for (Map.Entry<String, JsonValue> e : value.asJsonObject().entrySet()) {
                    checkText(e.getKey());
                    checkValues(e.getValue(), depth + 1);
                }
            }
            case ARRAY -> {
                JsonArray array = value.asJsonArray();
                for (int i = 0; i < array.size(); i++) {
                    checkValues(array.get(i), depth + 1);
                }
            }
            case STRING -> checkText(((JsonString) value).getString());
            case NUMBER -> {
                var number = ((JsonNumber) value).bigDecimalValue();
                if (number.precision() > MAX_NUMBER_DIGITS || Math.abs(number.scale()) > MAX_NUMBER_DIGITS) {
                    throw ApiException.badRequest("a number in the body is out of range");
                }
            }
            default -> {}
        }
    }

    private static void checkText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw ApiException.badRequest("the body contains a NUL character, which cannot be stored");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw ApiException.badRequest("the body contains an unpaired surrogate, which is not valid text");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw ApiException.badRequest("the body contains an unpaired surrogate, which is not valid text");
            }
        }
    }
}
