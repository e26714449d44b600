package dev.diundashboard.migrate;

import dev.diundashboard.migrate.Schema.Table;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves the copy: per table, the rows and content checksum of source and target, and that the
 * target's identity continues above every id the source used. The source's checksum is taken from
 * every row as the copy reads it, its row count from the database in the same snapshot; the
 * target's from every row read back from the target once committed ({@link ReadBack}).
 */
final class Verifier {

    record Side(long rows, String checksum) {}

    record Line(Table table, Side source, Side target, long sourceIdUsed, long targetIdUsed) {
        boolean rowsMatch() {
            return source.rows() == target.rows();
        }

        boolean checksumsMatch() {
            return source.checksum().equals(target.checksum());
        }

        boolean identityOk() {
            return targetIdUsed >= sourceIdUsed;
        }

        boolean ok() {
            return rowsMatch() && checksumsMatch() && identityOk();
        }
    }

    private Verifier() {}

    /**
     * The verification's lines: each table's source and target side (as the copy and the read-back
     * digested them), and whether the target's identity continues above every id the source used.
     */
    static List<Line> lines(List<Side[]> sides, Database source, Database target) throws SQLException {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < Schema.TABLES.size(); i++) {
            Table table = Schema.TABLES.get(i);
            long sourceUsed = table.identity() ? source.highestIdUsed(table) : 0;
            long targetUsed = table.identity() ? target.highestIdUsed(table) : 0;
            lines.add(new Line(table, sides.get(i)[0], sides.get(i)[1], sourceUsed, targetUsed));
        }
        return lines;
    }

    static void print(List<Line> lines, PrintWriter out) {
        out.printf("%-16s %12s %12s  %-9s %s%n", "table", "source rows", "target rows", "checksum", "ids");
        for (Line l : lines) {
            String ids = !l.table().identity()
                    ? "-"
                    : l.identityOk()
                            ? "next > " + l.sourceIdUsed()
                            : "TARGET AT " + l.targetIdUsed() + " < " + l.sourceIdUsed();
            out.printf(
                    "%-16s %,12d %,12d  %-9s %s%n",
                    l.table().name(),
                    l.source().rows(),
                    l.target().rows(),
                    l.checksumsMatch() ? "match" : "DIFFERENT",
                    ids);
        }
        out.flush();
    }
}
