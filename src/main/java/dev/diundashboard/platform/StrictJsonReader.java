package dev.diundashboard.platform;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Binds a JSON request body to a {@link JsonRecord}, strictly: see there for the rules. The body
 * stream is bounded by {@link BodyLimitFilter}; the bytes are parsed by {@link JsonBody}.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class StrictJsonReader implements MessageBodyReader<Record> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() && type.isAnnotationPresent(JsonRecord.class);
    }

    @Override
    public Record readFrom(
            Class<Record> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders,
            InputStream entityStream)
            throws IOException {
        return bind(type, JsonBody.object(entityStream.readAllBytes()));
    }

    /** The record the object describes, or a 400 that says what is wrong with it. */
    public static <R extends Record> R bind(Class<R> type, JsonObject body) {
        String expected = type.getAnnotation(JsonRecord.class).expected();
        RecordComponent[] components = type.getRecordComponents();
        Set<String> known = Arrays.stream(components).map(StrictJsonReader::key).collect(Collectors.toSet());
        for (String key : body.keySet()) {
            if (!known.contains(key)) {
                String shown = key.replaceAll("[^A-Za-z0-9._-]", "?");
                throw ApiException.badRequest("unknown key '"
                        + (shown.length() > 40 ? shown.substring(0, 40) + "..." : shown) + "'; " + expected);
            }
        }
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            JsonRecord.Invalid invalid = c.getAnnotation(JsonRecord.Invalid.class);
            String detail = invalid == null ? expected : invalid.value();
            values[i] = value(c, body.containsKey(key(c)), body.get(key(c)), detail);
        }
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException refused) {
                throw refused; // the record's own rules: an ApiException
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    /** The component's key in JSON: its name, or the one {@link JsonbProperty} gives (for {@code class}). */
    private static String key(RecordComponent c) {
        JsonbProperty named = c.getAccessor().getAnnotation(JsonbProperty.class);
        return named == null ? c.getName() : named.value();
    }

    private static Object value(RecordComponent c, boolean present, JsonValue v, String invalid) {
        Class<?> type = c.getType();
        boolean absent = v == null || v.getValueType() == JsonValue.ValueType.NULL;
        if (type == long.class) {
            long n = absent ? -1 : exactLong(v);
            if (absent || n == Long.MIN_VALUE) {
                throw ApiException.badRequest(invalid);
            }
            return n;
        }
        if (type == List.class) {
            if (!present) {
                return null;
            }
            if (!(v instanceof JsonArray array) || !isListOfLong(c.getGenericType())) {
                throw ApiException.badRequest(invalid);
            }
            List<Long> list = new ArrayList<>(array.size());
            for (JsonValue item : array) {
                long n = exactLong(item);
                if (n == Long.MIN_VALUE) {
                    throw ApiException.badRequest(invalid);
                }
                list.add(n);
            }
            return list;
        }
        if (absent) {
            return null;
        }
        if (type == String.class) {
            if (v instanceof JsonString s) {
                return s.getString();
            }
            if (v instanceof JsonNumber n && c.isAnnotationPresent(JsonRecord.NumberAsText.class)) {
                return n.toString();
            }
            throw ApiException.badRequest(invalid);
        }
        if (type == Long.class) {
            long n = exactLong(v);
            if (n == Long.MIN_VALUE) {
                throw ApiException.badRequest(invalid);
            }
            return n;
        }
        if (type == Instant.class) {
            if (!(v instanceof JsonString s)) {
                throw ApiException.badRequest(invalid);
            }
            return InputRules.timestamp(c.getName(), s.getString());
        }
        if (type == Boolean.class) {
            if (v.getValueType() == JsonValue.ValueType.TRUE) {
                return Boolean.TRUE;
            }
            if (v.getValueType() == JsonValue.ValueType.FALSE) {
                return Boolean.FALSE;
            }
            throw ApiException.badRequest(invalid);
        }
        throw new IllegalStateException("a JsonRecord component of type " + type.getName());
    }

    /** The number as a whole long, or {@link Long#MIN_VALUE} when it is none. */
    private static long exactLong(JsonValue v) {
        if (!(v instanceof JsonNumber n)) {
            return Long.MIN_VALUE;
        }
        try {
            return n.bigDecimalValue().longValueExact();
        } catch (ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    private static boolean isListOfLong(Type type) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments()[0] == Long.class;
    }
}
