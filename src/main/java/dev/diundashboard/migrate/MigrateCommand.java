package dev.diundashboard.migrate;

import dev.diundashboard.migrate.Database.Role;
import dev.diundashboard.migrate.Schema.Table;
import dev.diundashboard.storage.DatabaseSettings;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code java -jar target/diun-migrate.jar --from <SQLite path | postgres:// URL> --to <...> [--dry-run] [--resume]}. */
@Command(
        name = "diun-migrate",
        mixinStandardHelpOptions = true,
        version = "diun-migrate (DiunDashboard)",
        sortOptions = false,
        description = "Copies every row of a DiunDashboard database from SQLite to PostgreSQL or back, then verifies"
                + " row counts and content checksums per table. Stop the dashboard first. The source is only read.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:copied and verified identical (with --dry-run: the copy would proceed)",
            "1:verification found a difference",
            "2:invalid command line",
            "3:refused: target holds data (use --resume), schema versions differ, or same database",
            "4:a value the target cannot store exactly (table, row and column named); nothing altered",
            "5:a database could not be reached, opened, read or written"
        })
public final class MigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "<SQLite path | postgres:// URL>",
            description = "the database to copy from (never written)")
    String from;

    @Option(
            names = "--to",
            required = true,
            paramLabel = "<SQLite path | postgres:// URL>",
            description = "the database to copy into (created and migrated when needed)")
    String to;

    @Option(
            names = "--dry-run",
            description = "check both sides and report the rows that would be copied; write nothing")
    boolean dryRun;

    @Option(names = "--resume", description = "continue an interrupted copy into a target that already holds its rows")
    boolean resume;

    @Option(names = "--batch-rows", hidden = true, defaultValue = "50000")
    int batchRows;

    private PrintStream progress = System.err;

    /** Where a target remembers the source its copy started from. */
    static final String SOURCE_TABLE = "diun_migrate_source";

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.err, args));
    }

    /** Runs the command as {@link #main} does, with the given streams; returns the exit code. */
    static int run(PrintWriter out, PrintWriter err, PrintStream progress, String... args) {
        Logger.getLogger("org.flywaydb").setLevel(Level.WARNING);
        MigrateCommand command = new MigrateCommand();
        command.progress = progress;
        CommandLine cli = new CommandLine(command).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            int code = e instanceof MigrationException m ? m.exitCode() : ExitCodes.DATABASE;
            String message = e instanceof SQLException || e instanceof FlywayException
                    ? "database error: " + e.getMessage()
                    : e.getMessage();
            if (String.valueOf(e.getMessage()).contains("SQLITE_CORRUPT")
                    || String.valueOf(e.getMessage()).contains("SQLITE_NOTADB")) {
                message += "; the SQLite file is damaged or not a SQLite database: restore it from a backup"
                        + " (diun.db.bak-*), or recover what is readable with sqlite3's .recover, then copy that";
            }
            commandLine.getErr().println("diun-migrate: " + message);
            commandLine.getErr().flush();
            return code;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws SQLException {
        PrintWriter out = spec.commandLine().getOut();
        if (batchRows < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch-rows must be positive");
        }
        DatabaseSettings fromSettings = Database.settingsOf(from);
        DatabaseSettings toSettings = Database.settingsOf(to);
        if (fromSettings.describe().equals(toSettings.describe())) {
            throw MigrationException.refused("--from and --to name the same database: " + fromSettings.describe());
        }
        MigrationVersion latest = Migrations.latest();
        long started = System.nanoTime();
        try (Database source = Database.open(fromSettings, Role.SOURCE)) {
            out.println("source: " + source.describe());
            checkSource(source, latest);
            if (dryRun) {
                return dryRun(source, toSettings, latest, out);
            }
            try (Database target = Database.open(toSettings, Role.TARGET)) {
                out.println("target: " + target.describe());
                target.lockAsTarget();
                prepareTarget(target, latest);
                recordSource(source, target);
                long copyStarted = System.nanoTime();
                target.beforeBulkLoad();
                List<Verifier.Line> lines;
                long verifyStarted;
                try (Database readBack = Database.open(toSettings, Role.READ_BACK);
                        Copier copier = new Copier(source, target, readBack, batchRows, out, progress)) {
                    long rows = copier.copyAll();
                    long indexStarted = System.nanoTime();
                    target.afterBulkLoad(); // while the last batches are read back
                    out.printf("indexes and constraints: %.2f s%n", (System.nanoTime() - indexStarted) / 1e9);
                    double copySeconds = (System.nanoTime() - copyStarted) / 1e9;
                    out.printf(
                            "copy phase: %,d rows in %.2f s (%,.0f rows/s)%n",
                            rows, copySeconds, rows / Math.max(copySeconds, 1e-9));
                    continueIdentities(source, target);
                    verifyStarted = System.nanoTime();
                    List<Verifier.Side[]> sides = copier.sides();
                    target.finish();
                    lines = Verifier.lines(sides, source, target);
                }
                Verifier.print(lines, out);
                long total = lines.stream().mapToLong(l -> l.source().rows()).sum();
                double verifySeconds = (System.nanoTime() - verifyStarted) / 1e9;
                double allSeconds = (System.nanoTime() - started) / 1e9;
                out.printf(
                        "verification: %,d rows per side, the target read back during the copy; %.2f s after it%n",
                        total, verifySeconds);
                out.printf(
                        "total: %,d rows in %.2f s (%,.0f rows/s)%n",
                        total, allSeconds, total / Math.max(allSeconds, 1e-9));
                if (lines.stream().allMatch(Verifier.Line::ok)) {
                    forgetSource(target);
                    out.println("result: identical");
                    return ExitCodes.OK;
                }
                out.println("result: DIFFERENT (see the table above)");
                return ExitCodes.DIFFERENT;
            }
        }
    }

    private static void checkSource(Database source, MigrationVersion latest) throws SQLException {
        if (!source.tableExists("flyway_schema_history")) {
            throw MigrationException.refused(source.describe() + " has no DiunDashboard schema");
        }
        source.checkStructure();
        source.checkIntegrity();
        MigrationVersion version = source.schemaVersion();
        if (version == null) {
            throw MigrationException.refused(source.describe() + " has no DiunDashboard schema");
        }
        if (!version.equals(latest)) {
            throw MigrationException.refused(source.describe() + " is at schema version " + version
                    + " but this tool copies version " + latest + "; "
                    + (version.compareTo(latest) < 0
                            ? "start the dashboard once on it to upgrade it, then copy"
                            : "use the diun-migrate.jar of the dashboard version that wrote it"));
        }
        source.checkColumns();
    }

    private void prepareTarget(Database target, MigrationVersion latest) throws SQLException {
        if (!resume) {
            refuseIfHoldsData(target);
        }
        target.connection.commit();
        try {
            target.migrate();
        } catch (FlywayException e) {
            throw MigrationException.refused(
                    "cannot bring " + target.describe() + " to schema version " + latest + ": " + e.getMessage());
        }
        MigrationVersion version = target.schemaVersion();
        if (!latest.equals(version)) {
            throw MigrationException.refused(
                    target.describe() + " is at schema version " + version + ", not " + latest);
        }
        target.checkColumns();
        target.connection.commit();
    }

    /**
     * Remembers in the target which source its copy started from ({@value #SOURCE_TABLE}, one row,
     * dropped once the copy is verified identical) and refuses to resume from any other: two sources'
     * rows in one target would be two histories mixed. A target with data and no record is a finished
     * copy or not one of this tool's: nothing to resume.
     */
    private void recordSource(Database source, Database target) throws SQLException {
        String fingerprint = source.fingerprint();
        String recorded = recordedSource(target);
        if (holdsData(target)) {
            if (recorded == null) {
                throw MigrationException.refused(target.describe() + " holds data but no record of an unfinished"
                        + " copy (" + SOURCE_TABLE + "): the copy into it finished, or another tool wrote it;"
                        + " there is nothing to resume. Copy into an empty database");
            }
            if (!recorded.startsWith(fingerprint + " ")) {
                throw MigrationException.refused("the copy into " + target.describe() + " was started from "
                        + recorded.substring(recorded.indexOf(' ') + 1) + " ("
                        + recorded.substring(0, recorded.indexOf(' '))
                        + "), not from " + source.describe() + " (" + fingerprint + "); resume with the same --from,"
                        + " or copy into an empty database");
            }
            return;
        }
        try (Statement s = target.connection.createStatement()) {
            if (recorded == null) {
                s.execute("CREATE TABLE " + SOURCE_TABLE + " (fingerprint text NOT NULL, source text NOT NULL)");
            } else {
                s.execute("DELETE FROM " + SOURCE_TABLE);
            }
        }
        try (PreparedStatement ps =
                target.connection.prepareStatement("INSERT INTO " + SOURCE_TABLE + " VALUES (?, ?)")) {
            ps.setString(1, fingerprint);
            ps.setString(2, source.describe());
            ps.executeUpdate();
        }
        target.connection.commit();
    }

    /** A finished copy leaves nothing of the tool's own in the target: it is a dashboard database like any other. */
    private static void forgetSource(Database target) throws SQLException {
        try (Statement s = target.connection.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + SOURCE_TABLE);
        }
        target.connection.commit();
    }

    /** "fingerprint description" of the source a copy into {@code target} started from, or null. */
    static String recordedSource(Database target) throws SQLException {
        if (!target.tableExists(SOURCE_TABLE)) {
            return null;
        }
        try (Statement s = target.connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT fingerprint, source FROM " + SOURCE_TABLE)) {
            return rs.next() ? rs.getString(1) + " " + rs.getString(2) : null;
        }
    }

    private static boolean holdsData(Database target) throws SQLException {
        for (Table t : Schema.TABLES) {
            if (target.hasRows(t)) {
                return true;
            }
        }
        return false;
    }

    private static void refuseIfHoldsData(Database target) throws SQLException {
        for (Table t : Schema.TABLES) {
            if (target.hasRows(t)) {
                throw MigrationException.refused(target.describe() + " already holds data (table " + t.name()
                        + "); copy into an empty database, or pass --resume to finish an interrupted copy");
            }
        }
    }

    private static void continueIdentities(Database source, Database target) throws SQLException {
        for (Table t : Schema.TABLES) {
            if (t.identity()) {
                target.continueIdentity(t, source.highestIdUsed(t));
            }
        }
    }

    private int dryRun(Database source, DatabaseSettings toSettings, MigrationVersion latest, PrintWriter out)
            throws SQLException {
        try (Database target = Database.open(toSettings, Role.INSPECT)) {
            int code = ExitCodes.OK;
            if (!target.exists()) {
                out.println("target: " + target.describe() + " (does not exist; would be created)");
            } else {
                MigrationVersion version = target.schemaVersion();
                out.println("target: " + target.describe() + " (schema version "
                        + (version == null ? "none" : version.toString()) + ")");
                if (version != null && version.compareTo(latest) > 0) {
                    out.println("refused: the target's schema is newer than " + latest);
                    code = ExitCodes.REFUSED;
                } else if (version != null && version.equals(latest)) {
                    target.checkColumns();
                }
                boolean holdsData = false;
                for (Table t : Schema.TABLES) {
                    holdsData |= target.hasRows(t);
                }
                if (holdsData && !resume) {
                    out.println("refused: the target already holds data; --resume would continue into it");
                    code = ExitCodes.REFUSED;
                } else if (holdsData) {
                    String recorded = recordedSource(target);
                    if (recorded == null || !recorded.startsWith(source.fingerprint() + " ")) {
                        out.println("refused: the copy into the target was started from "
                                + (recorded == null
                                        ? "an unrecorded source"
                                        : recorded.substring(recorded.indexOf(' ') + 1))
                                + ", not from this source");
                        code = ExitCodes.REFUSED;
                    }
                }
            }
            out.printf("%-16s %12s %12s%n", "table", "source rows", "to copy");
            for (Table t : Schema.TABLES) {
                long after = resume && target.exists() ? target.maxKey(t) : Long.MIN_VALUE;
                out.printf("%-16s %,12d %,12d%n", t.name(), source.count(t, Long.MIN_VALUE), source.count(t, after));
            }
            out.println(
                    code == ExitCodes.OK
                            ? "dry run: the copy would proceed; nothing was written"
                            : "dry run: nothing was written");
            return code;
        }
    }
}
