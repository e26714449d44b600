package dev.diundashboard.migrate;

import dev.diundashboard.migrate.Schema.Column;
import dev.diundashboard.migrate.Schema.Table;
import dev.diundashboard.platform.InputRules;
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
 * <p>{@link #check} applies the byte limits; the JSON limits are applied by the one pass that also
 * renders each JSON value for the checksum ({@link JsonCanonicalForm}, through {@link
 * RowDigest#addChecked}), which the copy runs on every row it copies.
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

    /** Throws {@link UnstorableValueException} naming the row and column of the first value over its byte limit. */
    void check(Object[] row, long key) {
        for (int i = 0; i < row.length; i++) {
            if (row[i] instanceof byte[] b && b.length > maxBytes[i]) {
                Column c = table.columns().get(i);
                throw new UnstorableValueException(
                        table.name(),
                        key,
                        c.name(),
                        b.length + " bytes, over the application's limit of " + maxBytes[i] + " bytes");
            }
        }
    }

    /** Null when the JSON is one value within the limits, else why not; one pass, no tree. */
    static String jsonProblem(byte[] json) {
        return new JsonCanonicalForm().problem(json);
    }
}
