package dev.diundashboard.migrate;

import dev.diundashboard.migrate.Schema.Column;
import dev.diundashboard.migrate.Schema.Kind;
import dev.diundashboard.migrate.Schema.Table;
import dev.diundashboard.storage.DatabaseSettings;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * A SQLite file. As a source it is opened read-only and read in one transaction (one snapshot); as
 * a target it is written in WAL mode with fsync deferred to the end (a killed process loses nothing
 * committed), and AUTOINCREMENT's {@code sqlite_sequence} carries the identities.
 */
final class SqliteDatabase extends Database {

    /** What quick_check reports about rows rather than pages (CHECK, NOT NULL, STRICT types). */
    private static final Pattern ROW_LEVEL = Pattern.compile("CHECK constraint failed|NULL value in|non-\\S+ value in");

    private final Values values = new Values();
    private FileChannel lockChannel;

    SqliteDatabase(DatabaseSettings settings, Role role) {
        super(settings, role);
    }

    Path file() {
        return settings.sqliteFile();
    }

    @Override
    void connect() throws SQLException {
        Path file = file();
        if (role == Role.TARGET) {
            settings.prepare();
            connection = DriverManager.getConnection(settings.jdbcUrl());
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA synchronous = OFF");
                s.execute("PRAGMA cache_size = -65536");
            }
            connection.setAutoCommit(false);
            return;
        }
        if (!Files.isRegularFile(file)) {
            if (role == Role.INSPECT) {
                return;
            }
            throw MigrationException.database("no SQLite file at " + file, null);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setBusyTimeout(10_000);
        connection = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA query_only = 1");
            try (ResultSet rs = s.executeQuery("PRAGMA encoding")) {
                if (rs.next() && !"UTF-8".equalsIgnoreCase(rs.getString(1))) {
                    throw MigrationException.refused(
                            file + " uses the text encoding " + rs.getString(1) + "; only UTF-8 files are supported");
                }
            }
        }
        // One read transaction for the whole run: every table comes from the same snapshot.
        connection.setAutoCommit(false);
    }

    @Override
    boolean tableExists(String table) throws SQLException {
        if (connection == null) {
            return false;
        }
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Runs {@code PRAGMA quick_check} on the source: a damaged page would otherwise surface, if at
     * all, in the middle of the copy, or not at all in a page the copy does not read (an index).
     */
    @Override
    void checkIntegrity() throws SQLException {
        List<String> found = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA quick_check(3)")) {
            while (rs.next()) {
                String line = rs.getString(1);
                if (!ROW_LEVEL.matcher(line).lookingAt()) {
                    found.add(line);
                }
            }
        } catch (SQLException e) {
            found.add(e.getMessage());
        }
        if (found.isEmpty()) {
            return; // only rows breaking a constraint: the copy refuses those by table, row and column
        }
        if (!found.equals(List.of("ok"))) {
            throw MigrationException.database(
                    describe() + " is damaged (PRAGMA quick_check: " + Values.abbreviate(String.join("; ", found))
                            + "); restore it from a backup (diun.db.bak-*), or recover what is readable with"
                            + " sqlite3's .recover into a new file and copy that",
                    null);
        }
    }

    /**
     * Refuses a file whose DiunDashboard tables are not plain tables as the migrations create them: a
     * view (which may compute rows without end), a virtual table, or a table with triggers.
     */
    @Override
    void checkStructure() throws SQLException {
        List<String> names = new ArrayList<>();
        names.add("flyway_schema_history");
        Schema.TABLES.forEach(t -> names.add(t.name()));
        try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT type, upper(substr(ltrim(coalesce(sql, '')), 1, 14)) FROM sqlite_master WHERE name = ?");
                PreparedStatement triggers = connection.prepareStatement(
                        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?")) {
            for (String name : names) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw MigrationException.refused(describe() + " has no table " + name);
                    }
                    if (!"table".equals(rs.getString(1)) || rs.getString(2).startsWith("CREATE VIRTUAL")) {
                        throw MigrationException.refused(describe() + ": " + name + " is a "
                                + (rs.getString(1).equals("table") ? "virtual table" : rs.getString(1))
                                + ", not a table as DiunDashboard's migrations create it; not copying");
                    }
                }
                triggers.setString(1, name);
                try (ResultSet rs = triggers.executeQuery()) {
                    while (rs.next()) {
                        String expected = Migrations.sqliteTriggers().get(Migrations.triggerKey(name, rs.getString(1)));
                        if (!rs.getString(2).equals(expected)) {
                            throw MigrationException.refused(describe() + ": table " + name + " has a trigger ("
                                    + rs.getString(1) + ") that DiunDashboard's migrations do not create; not copying");
                        }
                    }
                }
            }
        }
    }

    /**
     * A lock file beside the target, {@code <file>.migrate-lock}, locked by the OS for as long as this
     * process runs (a killed run frees it). The file stays: deleting it would let a later run lock a new
     * file while another still holds the old one.
     */
    @Override
    void lockAsTarget() throws SQLException {
        Path lockFile = file().resolveSibling(file().getFileName() + ".migrate-lock");
        try {
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another run in this same JVM
            }
            if (lock == null) {
                lockChannel.close();
                lockChannel = null;
                throw MigrationException.refused("another diun-migrate is copying into " + describe() + " (it holds "
                        + lockFile + "); wait for it to finish, or stop it and run again with --resume");
            }
        } catch (IOException e) {
            throw new SQLException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        super.close();
        if (lockChannel != null) {
            try {
                lockChannel.close(); // releases the lock
            } catch (IOException e) {
                // The process exits soon; the OS releases it then.
            }
        }
    }

    @Override
    Set<String> columnsOf(String table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /**
     * An extra column naming the first value of the row that is not what the application stores
     * (an integer where integers go, text elsewhere) or is over {@link RowLimits#MAX_VALUE_BYTES}:
     * SQLite answers it from the record header, so a hostile value is refused before it is read.
     */
    private static String guard(Table t) {
        StringBuilder sql = new StringBuilder("CASE");
        for (Column c : t.columns()) {
            String n = c.name();
            if (c.kind() == Kind.BIGINT || c.kind() == Kind.INT) {
                sql.append(" WHEN typeof(")
                        .append(n)
                        .append(") NOT IN ('integer', 'null') THEN '")
                        .append(n)
                        .append(" is stored as ' || typeof(")
                        .append(n)
                        .append(") || ', not as an integer'");
            } else {
                sql.append(" WHEN typeof(")
                        .append(n)
                        .append(") NOT IN ('text', 'null') THEN '")
                        .append(n)
                        .append(" is stored as ' || typeof(")
                        .append(n)
                        .append(") || ', not as text'");
                sql.append(" WHEN octet_length(")
                        .append(n)
                        .append(") > ")
                        .append(RowLimits.MAX_VALUE_BYTES)
                        .append(" THEN '")
                        .append(n)
                        .append(" holds ' || octet_length(")
                        .append(n)
                        .append(") || ' bytes, over the limit of ")
                        .append(RowLimits.MAX_VALUE_BYTES)
                        .append(" bytes'");
            }
        }
        return sql.append(" END").toString();
    }

    @Override
    RowCursor read(Table t, long afterKey, long upToKey) throws SQLException {
        boolean bounded = upToKey != Long.MAX_VALUE;
        PreparedStatement ps = connection.prepareStatement("SELECT " + t.columnList() + ", " + guard(t) + " FROM "
                + t.name() + " WHERE " + t.key() + " > ?" + (bounded ? " AND " + t.key() + " <= ?" : "")
                + " ORDER BY " + t.key());
        ps.setLong(1, afterKey);
        if (bounded) {
            ps.setLong(2, upToKey);
        }
        ResultSet rs = ps.executeQuery();
        int guardColumn = t.width() + 1;
        return new RowCursor() {
            private long key;

            @Override
            public boolean next(Object[] row) throws SQLException {
                if (!rs.next()) {
                    return false;
                }
                key = rs.getLong(1);
                String refused = rs.getString(guardColumn);
                if (refused != null) {
                    int space = refused.indexOf(' ');
                    throw new UnstorableValueException(
                            t.name(), key, refused.substring(0, space), refused.substring(space + 1));
                }
                for (int i = 0; i < row.length; i++) {
                    row[i] = value(t, t.columns().get(i), rs, i + 1, key);
                }
                return true;
            }

            @Override
            public long key() {
                return key;
            }

            @Override
            public void close() throws SQLException {
                rs.close();
                ps.close();
            }
        };
    }

    private Object value(Table t, Column c, ResultSet rs, int index, long key) throws SQLException {
        if (c.kind() == Kind.BIGINT || c.kind() == Kind.INT) {
            long v = rs.getLong(index);
            return v == 0 && rs.wasNull() ? null : v;
        }
        // The stored UTF-8 bytes themselves: getString would replace invalid sequences silently.
        byte[] b = rs.getBytes(index);
        if (b == null) {
            return null;
        }
        String problem = values.utf8Problem(b);
        if (problem != null) {
            throw new UnstorableValueException(t.name(), key, c.name(), problem);
        }
        if (c.kind() == Kind.TIMESTAMP && !Values.isCanonicalTimestamp(b)) {
            try {
                return Values.canonicalTimestamp(new String(b, StandardCharsets.UTF_8));
            } catch (Values.InvalidTimestampException e) {
                throw new UnstorableValueException(t.name(), key, c.name(), e.getMessage());
            }
        }
        return b;
    }

    @Override
    RowWriter writer(Table t) throws SQLException {
        String marks = "?" + ", ?".repeat(t.width() - 1);
        PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO " + t.name() + " (" + t.columnList() + ") VALUES (" + marks + ")");
        return new RowWriter() {
            @Override
            public void add(Object[] row, long key) throws SQLException {
                for (int i = 0; i < row.length; i++) {
                    Object v = row[i];
                    Kind kind = t.columns().get(i).kind();
                    if (v == null) {
                        ps.setNull(i + 1, Types.NULL);
                    } else if (v instanceof Long l) {
                        ps.setLong(i + 1, l);
                    } else if (kind == Kind.TIMESTAMP) {
                        ps.setString(i + 1, new String((byte[]) v, StandardCharsets.US_ASCII));
                    } else {
                        ps.setString(i + 1, new String((byte[]) v, StandardCharsets.UTF_8));
                    }
                }
                try {
                    ps.executeUpdate();
                } catch (SQLException e) {
                    throw new UnstorableValueException(
                            t.name(), key, null, "SQLite refused the row: " + e.getMessage());
                }
            }

            @Override
            public void commit() throws SQLException {
                connection.commit();
            }

            @Override
            public void close() throws SQLException {
                ps.close();
            }
        };
    }

    @Override
    long highestIdUsed(Table t) throws SQLException {
        long max = Math.max(0, maxKey(t));
        if (!tableExists("sqlite_sequence")) {
            return max;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT seq FROM sqlite_sequence WHERE name = ?")) {
            ps.setString(1, t.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Math.max(max, rs.getLong(1)) : max;
            }
        }
    }

    @Override
    void continueIdentity(Table t, long used) throws SQLException {
        long value = Math.max(used, highestIdUsed(t));
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE sqlite_sequence SET seq = ? WHERE name = ?")) {
            update.setLong(1, value);
            update.setString(2, t.name());
            if (update.executeUpdate() == 0 && value > 0) {
                try (PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)")) {
                    insert.setString(1, t.name());
                    insert.setLong(2, value);
                    insert.executeUpdate();
                }
            }
        }
    }

    @Override
    void finish() throws SQLException {
        connection.commit();
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA synchronous = FULL");
            // Moves the WAL into the file and syncs it: the copy is durable from here on.
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        connection.setAutoCommit(false);
    }
}
