package dev.diundashboard.migrate;

import dev.diundashboard.migrate.Schema.Column;
import dev.diundashboard.migrate.Schema.Table;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content checksum of one table: SHA-256 over a canonical rendering of each row, in key order.
 * Every value is typed and length-prefixed (so that no two rows render alike); timestamps are their
 * canonical UTC microsecond text; JSON is rendered by meaning ({@link JsonCanonicalForm}).
 */
final class RowDigest {

    private final Table table;
    private final MessageDigest sha;
    private final ByteSink row = new ByteSink(4096);
    private final JsonCanonicalForm json = new JsonCanonicalForm();
    private long rows;

    RowDigest(Table table) {
        this.table = table;
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void add(Object[] values) {
        row.reset();
        render(values, row);
        sha.update(row.array(), 0, row.size());
        rows++;
    }

    /** The rendering of one row, as hashed. */
    void render(Object[] values, ByteSink out) {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            Column column = table.columns().get(i);
            if (v == null) {
                out.write('0');
                continue;
            }
            switch (column.kind()) {
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
                case JSON -> {
                    byte[] b = (byte[]) v;
                    int mark = out.size();
                    out.write('j');
                    try {
                        json.render(b, out, false);
                    } catch (JsonCanonicalForm.InvalidJsonException e) {
                        // Not JSON (or duplicate keys): compare the text as it is, which then differs.
                        out.truncate(mark);
                        out.write('r');
                        out.writeInt(b.length);
                        out.write(b);
                    }
                }
            }
        }
    }

    long rows() {
        return rows;
    }

    String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }
}
