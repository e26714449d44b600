package dev.diundashboard.migrate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * JSON rendered by meaning: object members sorted by key, numbers by value ({@code 1.50} = {@code
 * 1.5}, {@code 1e2} = {@code 100}), strings by their characters, whitespace gone. PostgreSQL's jsonb
 * and SQLite's text of the same JSON render identically. Also finds what jsonb would not keep as
 * written: duplicate keys (jsonb keeps the last), {@code \u0000} and unpaired surrogates (rejected).
 */
final class JsonCanonicalForm {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(100_000)
                    .maxNestingDepth(100_000)
                    .build())
            .build();

    private static final Comparator<Member> BY_KEY = Comparator.comparing(Member::key);

    private final ByteSink scratch = new ByteSink(1024);

    private record Member(String key, int start, int end) {}

    /**
     * Appends the canonical rendering of {@code json} (UTF-8) to {@code out}.
     *
     * @param postgresSafe also require what jsonb needs to keep the value exactly
     * @throws InvalidJsonException when the text is not one JSON value, or not jsonb-safe
     */
    void render(byte[] json, ByteSink out, boolean postgresSafe) throws InvalidJsonException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidJsonException("empty JSON text");
            }
            value(parser, first, out, postgresSafe);
            if (parser.nextToken() != null) {
                throw new InvalidJsonException("content after the JSON value");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException(e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidJsonException(e.getMessage());
        }
    }

    private void value(JsonParser p, JsonToken token, ByteSink out, boolean postgresSafe)
            throws IOException, InvalidJsonException {
        switch (token) {
            case START_OBJECT -> object(p, out, postgresSafe);
            case START_ARRAY -> {
                out.write('[');
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    value(p, next, out, postgresSafe);
                }
                out.write(']');
            }
            case VALUE_STRING -> {
                char[] chars = p.getTextCharacters();
                int offset = p.getTextOffset();
                int length = p.getTextLength();
                if (postgresSafe) {
                    checkChars(chars, offset, length);
                }
                out.write('s');
                out.writeChars(chars, offset, length);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                out.write('n');
                out.writeAscii(number(p.getText(), token));
                out.write(';');
            }
            case VALUE_TRUE -> out.write('t');
            case VALUE_FALSE -> out.write('f');
            case VALUE_NULL -> out.write('z');
            default -> throw new InvalidJsonException("unexpected " + token);
        }
    }

    private void object(JsonParser p, ByteSink out, boolean postgresSafe) throws IOException, InvalidJsonException {
        out.write('{');
        int first = out.size();
        List<Member> members = null;
        boolean sorted = true;
        String previous = null;
        JsonToken next;
        while ((next = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (postgresSafe) {
                checkChars(key.toCharArray(), 0, key.length());
            }
            int start = out.size();
            out.writeChars(key);
            value(p, p.nextToken(), out, postgresSafe);
            if (members == null) {
                members = new ArrayList<>(8);
            }
            members.add(new Member(key, start, out.size()));
            if (previous != null && previous.compareTo(key) > 0) {
                sorted = false;
            }
            previous = key;
        }
        if (next != JsonToken.END_OBJECT) {
            throw new InvalidJsonException("unexpected " + next);
        }
        if (!sorted) {
            Member[] order = members.toArray(new Member[0]);
            Arrays.sort(order, BY_KEY);
            scratch.reset();
            scratch.write(out.array(), first, out.size() - first);
            out.truncate(first);
            for (Member m : order) {
                out.write(scratch.array(), m.start() - first, m.end() - m.start());
            }
        }
        out.write('}');
    }

    static String number(String text, JsonToken token) throws InvalidJsonException {
        if (token == JsonToken.VALUE_NUMBER_INT && !text.endsWith("0")) {
            return text;
        }
        try {
            return new BigDecimal(text).stripTrailingZeros().toString();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidJsonException("number out of range: " + Values.abbreviate(text));
        }
    }

    private static void checkChars(char[] chars, int offset, int length) throws InvalidJsonException {
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (c == 0) {
                throw new InvalidJsonException("a string contains \\u0000, which PostgreSQL's jsonb cannot store");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < offset + length && Character.isLowSurrogate(chars[i + 1])) {
                    i++;
                    continue;
                }
                throw new InvalidJsonException("a string contains an unpaired surrogate, which jsonb cannot store");
            }
            if (Character.isLowSurrogate(c)) {
                throw new InvalidJsonException("a string contains an unpaired surrogate, which jsonb cannot store");
            }
        }
    }

    static final class InvalidJsonException extends Exception {
        InvalidJsonException(String message) {
            super(message);
        }
    }
}
