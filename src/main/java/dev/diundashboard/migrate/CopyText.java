package dev.diundashboard.migrate;

import dev.diundashboard.migrate.Schema.Column;
import dev.diundashboard.migrate.Schema.Kind;
import dev.diundashboard.migrate.Schema.Table;

/**
 * Rows in PostgreSQL's COPY text format: tab-separated, {@code \N} for null, backslash escapes for
 * backslash, newline, carriage return and tab; every other byte as it is. Refuses, rather than
 * alters, what PostgreSQL cannot store exactly: NUL in text, integers beyond {@code integer}, JSON
 * with duplicate keys, {@code \u0000} or unpaired surrogates.
 */
final class CopyText {

    private final Table table;
    private final JsonCanonicalForm json = new JsonCanonicalForm();
    private final ByteSink jsonScratch = new ByteSink(4096);

    CopyText(Table table) {
        this.table = table;
    }

    void append(Object[] row, long key, ByteSink out) {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                out.write('\t');
            }
            Object v = row[i];
            Column c = table.columns().get(i);
            if (v == null) {
                out.write('\\');
                out.write('N');
            } else if (v instanceof Long l) {
                if (c.kind() == Kind.INT && (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE)) {
                    throw new UnstorableValueException(
                            table.name(), key, c.name(), l + " does not fit PostgreSQL's integer");
                }
                out.writeAscii(Long.toString(l));
            } else {
                byte[] b = (byte[]) v;
                if (c.kind() == Kind.JSON) {
                    checkJson(b, key, c);
                }
                escape(b, key, c, out);
            }
        }
        out.write('\n');
    }

    private void checkJson(byte[] b, long key, Column c) {
        jsonScratch.reset();
        try {
            json.render(b, jsonScratch, true);
        } catch (JsonCanonicalForm.InvalidJsonException e) {
            throw new UnstorableValueException(table.name(), key, c.name(), "JSON: " + e.getMessage());
        }
    }

    private void escape(byte[] b, long key, Column c, ByteSink out) {
        out.ensure(b.length * 2);
        byte[] a = out.array();
        int n = out.size();
        for (byte x : b) {
            switch (x) {
                case 0 ->
                    throw new UnstorableValueException(
                            table.name(),
                            key,
                            c.name(),
                            "contains a NUL character, which PostgreSQL text cannot store");
                case '\\' -> {
                    a[n++] = '\\';
                    a[n++] = '\\';
                }
                case '\n' -> {
                    a[n++] = '\\';
                    a[n++] = 'n';
                }
                case '\r' -> {
                    a[n++] = '\\';
                    a[n++] = 'r';
                }
                case '\t' -> {
                    a[n++] = '\\';
                    a[n++] = 't';
                }
                default -> a[n++] = x;
            }
        }
        out.truncate(n);
    }
}
