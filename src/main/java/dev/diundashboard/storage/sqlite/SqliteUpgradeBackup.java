package dev.diundashboard.storage.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Before Flyway changes an existing SQLite file, a consistent copy of it beside itself, named
 * {@code <file>.bak-<fromVersion>-<UTC timestamp>} and made with {@code VACUUM INTO}. The copy is
 * only trusted once it is on disk (the file and its folder fsynced) and {@code PRAGMA quick_check},
 * on the copy opened read-only, says {@code ok}. Anything less stops the upgrade with {@link
 * UpgradeRefusedException}: the file is never migrated without a backup, a partial backup is
 * removed, and the original is only ever read here.
 */
public final class SqliteUpgradeBackup {

    /**
     * The bytes free for new files in a folder. The seam through which tests reach the write-error
     * path on a real, small file system (the check before copying would otherwise refuse first).
     */
    @FunctionalInterface
    public interface FreeSpace {
        long usableBytes(Path folder) throws IOException;
    }

    /** The file system's own answer. */
    public static final FreeSpace DISK = folder -> Files.getFileStore(folder).getUsableSpace();

    /** Room asked for beyond the database's own size: the copy's header pages and the file system's blocks. */
    static final long MARGIN_BYTES = 1L << 20;

    private static final Logger LOG = Logger.getLogger(SqliteUpgradeBackup.class.getName());
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SqliteUpgradeBackup() {}

    /**
     * Backs up the SQLite file behind {@code dataSource} (wherever it was configured: DB_PATH or the
     * server's jdbc/diun) when it has a schema and migrations are pending; returns the backup.
     *
     * @throws UpgradeRefusedException when no verified backup could be made; nothing was migrated
     */
    public static Optional<Path> beforeMigrating(Flyway flyway, DataSource dataSource, Clock clock) {
        return beforeMigrating(flyway, dataSource, clock, DISK);
    }

    /** As {@link #beforeMigrating(Flyway, DataSource, Clock)}, with the free space told by {@code freeSpace}. */
    public static Optional<Path> beforeMigrating(
            Flyway flyway, DataSource dataSource, Clock clock, FreeSpace freeSpace) {
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
        String upgrade = "not upgrading " + file + " from schema version " + from + " to " + to + ": ";

        long needed = databaseBytes(dataSource) + MARGIN_BYTES;
        long free;
        try {
            free = freeSpace.usableBytes(backup.getParent());
        } catch (IOException e) {
            throw new UpgradeRefusedException(upgrade + "cannot tell the free space beside it (" + e + ")", e);
        }
        if (free < needed) {
            throw new UpgradeRefusedException(upgrade + "no room for its backup (" + mib(needed) + " needed, "
                    + mib(free) + " free in " + backup.getParent() + "). Free some space and restart");
        }

        try {
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("VACUUM INTO '" + backup.toString().replace("'", "''") + "'");
            } catch (SQLException e) {
                throw new UpgradeRefusedException(
                        upgrade + (isNoRoom(e) ? "no room for its backup (" : "its backup failed (") + firstLine(e)
                                + "). Free some space and restart",
                        e);
            }
            try {
                sync(backup);
            } catch (IOException e) {
                throw new UpgradeRefusedException(
                        upgrade + "its backup " + backup + " could not be flushed to disk (" + e + ")", e);
            }
            String check = quickCheck(backup);
            if (!"ok".equals(check)) {
                throw new UpgradeRefusedException(upgrade + "its backup " + backup + " failed PRAGMA quick_check ("
                        + check + "); check the disk and restart");
            }
        } catch (UpgradeRefusedException e) {
            removePartial(backup);
            throw e;
        }
        LOG.info(() -> "Backed up " + file + " to " + backup + " (flushed to disk, quick_check ok) before migrating"
                + " the schema from version " + from + " to " + to);
        return Optional.of(backup);
    }

    /** The size of the database's content, the committed WAL included: an upper bound of the copy's size. */
    private static long databaseBytes(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT (SELECT page_count FROM pragma_page_count()) * (SELECT page_size FROM pragma_page_size())")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new UpgradeRefusedException("cannot read the SQLite file's size: " + firstLine(e), e);
        }
    }

    private static boolean isNoRoom(SQLException e) {
        String m = String.valueOf(e.getMessage()).toUpperCase(Locale.ROOT);
        return m.contains("SQLITE_FULL") || m.contains("DISK IS FULL") || m.contains("SQLITE_IOERR");
    }

    /** The file's content and its name in the folder reach the disk before the original is touched. */
    private static void sync(Path backup) throws IOException {
        try (FileChannel channel = FileChannel.open(backup, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        if (!System.getProperty("os.name", "").startsWith("Windows")) { // Windows cannot open a folder
            try (FileChannel folder = FileChannel.open(backup.getParent(), StandardOpenOption.READ)) {
                folder.force(true);
            }
        }
    }

    /** {@code ok}, or what {@code PRAGMA quick_check} found, on the backup opened read-only. */
    static String quickCheck(Path backup) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        List<String> found = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backup, config.toProperties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA quick_check(5)")) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        } catch (SQLException e) {
            return firstLine(e);
        }
        return String.join("; ", found);
    }

    private static void removePartial(Path backup) {
        for (String suffix : List.of("", "-journal", "-wal", "-shm")) {
            Path p = backup.resolveSibling(backup.getFileName() + suffix);
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not remove the partial backup " + p + "; delete it by hand", e);
            }
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static Path fileOf(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT file FROM pragma_database_list WHERE name = 'main'")) {
            String file = rs.next() ? rs.getString(1) : null;
            return file == null || file.isEmpty() ? null : Path.of(file);
        } catch (SQLException e) {
            throw new UpgradeRefusedException("could not find the SQLite file to back up: " + firstLine(e), e);
        }
    }
}
