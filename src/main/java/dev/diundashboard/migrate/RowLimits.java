package dev.diundashboard.migrate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.diundashboard.migrate.Schema.Column;
import dev.diundashboard.migrate.Schema.Kind;
import dev.diundashboard.migrate.Schema.Table;
import dev.diundashboard.platform.InputRules;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The application's limits, applied to every row copied in either direction, so that a copy never
 * holds a row the dashboard would have refused and cannot list or index: at most {@value
 * #MAX_JSON_DEPTH} levels of nested arrays and objects in JSON, numbers of at most {@value
 * #MAX_NUMBER_DIGITS} digits and exponents within that many places, {@code image} and {@code
 * hostname} within their byte limits, and no value over {@value #MAX_VALUE_BYTES} bytes (the
 * webhook's body limit, so more than the application ever stores). Text is valid UTF-8 without NUL
 * and timestamps canonical microseconds in the years 0001 to 9999: the readers check those.
 *
 * <p>The byte limits are the application's own ({@link InputRules}); they are compile-time
 * constants, so the tool needs none of the WAR's classes at run time.
 */
final class RowLimits {

    static final int MAX_JSON_DEPTH = 64;
    static final int MAX_NUMBER_DIGITS = 100;
    static final int MAX_VALUE_BYTES = 1 << 20;
    /** UTF-8 bytes per column, where the application sets a tighter limit than {@link #MAX_VALUE_BYTES}. */
    static final Map<String, Integer> MAX_BYTES = Map.of(
            "updates.image", InputRules.IMAGE_BYTES,
            "updates.hostname", InputRules.HOSTNAME_BYTES,
            "updates.status", InputRules.STATUS_BYTES);

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_JSON_DEPTH)
                    .maxNumberLength(4 * MAX_NUMBER_DIGITS)
                    .maxStringLength(MAX_VALUE_BYTES)
                    .build())
            .build();

    private final Table table;
    private final int[] maxBytes;

    RowLimits(Table table) {
        this.table = table;
        this.maxBytes = new int[table.width()];
        for (int i = 0; i < maxBytes.length; i++) {
            maxBytes[i] = MAX_BYTES.getOrDefault(
                    table.name() + "." + table.columns().get(i).name(), MAX_VALUE_BYTES);
        }
    }

    /** Throws {@link UnstorableValueException} naming the row and column of the first value over a limit. */
    void check(Object[] row, long key) {
        for (int i = 0; i < row.length; i++) {
            if (!(row[i] instanceof byte[] b)) {
                continue;
            }
            Column c = table.columns().get(i);
            if (b.length > maxBytes[i]) {
                throw new UnstorableValueException(
                        table.name(),
                        key,
                        c.name(),
                        b.length + " bytes, over the application's limit of " + maxBytes[i] + " bytes");
            }
            if (c.kind() == Kind.JSON) {
                String problem = jsonProblem(b);
                if (problem != null) {
                    throw new UnstorableValueException(table.name(), key, c.name(), "JSON: " + problem);
                }
            }
        }
    }

    /** Null when the JSON is within the limits, else why not; one pass over the tokens, no tree. */
    static String jsonProblem(byte[] json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    BigDecimal n = new BigDecimal(p.getText());
                    if (n.precision() > MAX_NUMBER_DIGITS || Math.abs((long) n.scale()) > MAX_NUMBER_DIGITS) {
                        return "the number " + Values.abbreviate(p.getText()) + " is beyond " + MAX_NUMBER_DIGITS
                                + " digits";
                    }
                }
            }
            return null;
        } catch (StreamConstraintsException e) {
            String m = String.valueOf(e.getOriginalMessage());
            if (m.contains("nesting depth")) {
                return "nested more than " + MAX_JSON_DEPTH + " levels deep";
            }
            if (m.contains("Number value length")) {
                return "a number is beyond " + MAX_NUMBER_DIGITS + " digits";
            }
            return m;
        } catch (JsonProcessingException e) {
            return e.getOriginalMessage();
        } catch (IOException | NumberFormatException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }
}
