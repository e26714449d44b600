package dev.diundashboard.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * Before Flyway changes an existing SQLite file, a consistent copy of it beside itself, named
 * {@code <file>.bak-<fromVersion>-<UTC timestamp>} and made with {@code VACUUM INTO}. A failed backup
 * stops the upgrade: the file is never migrated without one.
 */
public final class SqliteUpgradeBackup {

    private static final Logger LOG = Logger.getLogger(SqliteUpgradeBackup.class.getName());
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SqliteUpgradeBackup() {}

    /**
     * Backs up the SQLite file behind {@code dataSource} (wherever it was configured: DB_PATH or the
     * server's jdbc/diun) when it has a schema and migrations are pending; returns the backup.
     */
    public static Optional<Path> beforeMigrating(Flyway flyway, DataSource dataSource, Clock clock) {
        MigrationInfoService info = flyway.info();
        MigrationInfo current = info.current();
        MigrationInfo[] pending = info.pending();
        if (current == null || current.getVersion() == null || pending.length == 0) {
            return Optional.empty();
        }
        Path file = fileOf(dataSource);
        if (file == null) {
            return Optional.empty(); // an in-memory database has nothing to lose on disk
        }
        String from = current.getVersion().getVersion();
        String to = pending[pending.length - 1].getVersion().getVersion();
        Path backup = file.resolveSibling(file.getFileName() + ".bak-" + from + "-" + STAMP.format(clock.instant()));
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("VACUUM INTO '" + backup.toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not back up " + file + " to " + backup + " before upgrading it; not upgrading: "
                            + e.getMessage(),
                    e);
        }
        LOG.info(() -> "Backed up " + file + " to " + backup + " before migrating the schema from version " + from
                + " to " + to);
        return Optional.of(backup);
    }

    private static Path fileOf(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT file FROM pragma_database_list WHERE name = 'main'")) {
            String file = rs.next() ? rs.getString(1) : null;
            return file == null || file.isEmpty() ? null : Path.of(file);
        } catch (SQLException e) {
            throw new IllegalStateException("could not find the SQLite file to back up: " + e.getMessage(), e);
        }
    }
}
