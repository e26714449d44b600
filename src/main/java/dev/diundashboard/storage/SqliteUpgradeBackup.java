package dev.diundashboard.storage;

import java.nio.file.Path;
import java.sql.Connection;
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

    /** Backs up {@code file} when it has a schema and migrations are pending; returns the backup. */
    public static Optional<Path> beforeMigrating(Flyway flyway, DataSource dataSource, Path file, Clock clock) {
        MigrationInfoService info = flyway.info();
        MigrationInfo current = info.current();
        MigrationInfo[] pending = info.pending();
        if (current == null || current.getVersion() == null || pending.length == 0) {
            return Optional.empty();
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
}
