package dev.diundashboard.migrate;

import dev.diundashboard.migrate.Schema.Table;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Proves the copy: per table, the rows and content checksum of source and target (each side read
 * by its own thread), and that the target's identity continues above every id the source used.
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

    private final Database source;
    private final Database target;

    Verifier(Database source, Database target) {
        this.source = source;
        this.target = target;
    }

    List<Line> verify() throws SQLException {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<List<Side>> fromSource = CompletableFuture.supplyAsync(() -> digestAll(source), pool);
            CompletableFuture<List<Side>> fromTarget = CompletableFuture.supplyAsync(() -> digestAll(target), pool);
            List<Side> s = join(fromSource);
            List<Side> t = join(fromTarget);
            List<Line> lines = new ArrayList<>();
            for (int i = 0; i < Schema.TABLES.size(); i++) {
                Table table = Schema.TABLES.get(i);
                long sourceUsed = table.identity() ? source.highestIdUsed(table) : 0;
                long targetUsed = table.identity() ? target.highestIdUsed(table) : 0;
                lines.add(new Line(table, s.get(i), t.get(i), sourceUsed, targetUsed));
            }
            return lines;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Side> join(CompletableFuture<List<Side>> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    static List<Side> digestAll(Database db) {
        List<Side> sides = new ArrayList<>();
        try {
            for (Table t : Schema.TABLES) {
                sides.add(digest(db, t));
            }
        } catch (SQLException e) {
            throw MigrationException.database("cannot read " + db.describe() + ": " + e.getMessage(), e);
        }
        return sides;
    }

    static Side digest(Database db, Table t) throws SQLException {
        RowDigest digest = new RowDigest(t);
        Object[] row = new Object[t.width()];
        try (RowCursor rows = db.read(t, Long.MIN_VALUE)) {
            while (rows.next(row)) {
                digest.add(row);
            }
        }
        return new Side(digest.rows(), digest.hex());
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
