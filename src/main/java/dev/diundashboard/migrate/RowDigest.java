package dev.diundashboard.migrate;

import dev.diundashboard.migrate.Schema.Column;
import dev.diundashboard.migrate.Schema.Kind;
import dev.diundashboard.migrate.Schema.Table;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content checksum of one table: SHA-256 over a canonical rendering of each row, in key order.
 * Every value is typed and length-prefixed (so that no two rows render alike); timestamps are their
 * canonical UTC microsecond text; JSON is rendered by meaning ({@link JsonCanonicalForm}).
 *
 * <p>The copy digests each source row as it copies it ({@link #addChecked}, which also refuses JSON
 * beyond the application's limits or that PostgreSQL cannot store); the verification digests the
 * target's rows as it reads them back ({@link #add}, which renders JSON that does not parse as its
 * text, so that it differs).
 */
final class RowDigest {

    private final Table table;
    private final Kind[] kinds;
    private final MessageDigest sha;
    private final ByteSink row = new ByteSink(4096);
    private final JsonCanonicalForm json = new JsonCanonicalForm();
    private long rows;

    RowDigest(Table table) {
        this.table = table;
        this.kinds = table.columns().stream().map(Column::kind).toArray(Kind[]::new);
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds a row as read back: JSON that does not parse (or breaks a limit) counts as its text. */
    void add(Object[] values) {
        row.reset();
        render(values, row);
        sha.update(row.array(), 0, row.size());
        rows++;
    }

    /**
     * Adds a row about to be copied, refusing (naming row and column) JSON that is not one JSON value
     * within the application's limits or, going to PostgreSQL (postgresSafe), has duplicate keys or
     * holds what jsonb cannot store. Every row copied passes here.
     */
    void addChecked(Object[] values, long key, boolean postgresSafe) {
        row.reset();
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v != null && kinds[i] == Kind.JSON) {
                int mark = row.size();
                row.write('j');
                try {
                    json.render((byte[]) v, row, postgresSafe);
                } catch (JsonCanonicalForm.InvalidJsonException e) {
                    String problem = e.duplicateKey() && !postgresSafe ? json.problem((byte[]) v) : e.getMessage();
                    if (problem != null) {
                        throw new UnstorableValueException(
                                table.name(), key, table.columns().get(i).name(), "JSON: " + problem);
                    }
                    // Duplicate keys, which SQLite keeps as written: compared as text, as read back.
                    renderText(mark, (byte[]) v, row);
                }
            } else {
                renderPlain(v, kinds[i], row);
            }
        }
        sha.update(row.array(), 0, row.size());
        rows++;
    }

    /** The rendering of one row, as hashed. */
    void render(Object[] values, ByteSink out) {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v != null && kinds[i] == Kind.JSON) {
                byte[] b = (byte[]) v;
                int mark = out.size();
                out.write('j');
                try {
                    json.render(b, out, false);
                } catch (JsonCanonicalForm.InvalidJsonException e) {
                    // Not JSON (or duplicate keys, or beyond the limits): compare the text as it is.
                    renderText(mark, b, out);
                }
            } else {
                renderPlain(v, kinds[i], out);
            }
        }
    }

    private static void renderText(int mark, byte[] json, ByteSink out) {
        out.truncate(mark);
        out.write('r');
        out.writeInt(json.length);
        out.write(json);
    }

    private static void renderPlain(Object v, Kind kind, ByteSink out) {
        if (v == null) {
            out.write('0');
            return;
        }
        switch (kind) {
            case BIGINT, INT -> {
                out.write('i');
                out.writeLong((Long) v);
            }
            case TEXT -> {
                byte[] b = (byte[]) v;
                out.write('s');
                out.writeInt(b.length);
                out.write(b);
            }
            case TIMESTAMP -> {
                out.write('t');
                out.write((byte[]) v);
            }
            case JSON -> throw new IllegalStateException("JSON is rendered by JsonCanonicalForm");
        }
    }

    long rows() {
        return rows;
    }

    String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }
}
