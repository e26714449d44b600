package dev.diundashboard.migrate;

import dev.diundashboard.migrate.Schema.Column;
import dev.diundashboard.migrate.Schema.Kind;
import dev.diundashboard.migrate.Schema.Table;
import dev.diundashboard.storage.DatabaseSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashSet;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * A SQLite file. As a source it is opened read-only and read in one transaction (one snapshot); as
 * a target it is written in WAL mode with fsync deferred to the end (a killed process loses nothing
 * committed), and AUTOINCREMENT's {@code sqlite_sequence} carries the identities.
 */
final class SqliteDatabase extends Database {

    private final Values values = new Values();

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

    @Override
    RowCursor read(Table t, long afterKey) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(
                "SELECT " + t.columnList() + " FROM " + t.name() + " WHERE " + t.key() + " > ? ORDER BY " + t.key());
        ps.setLong(1, afterKey);
        ResultSet rs = ps.executeQuery();
        return new RowCursor() {
            private long key;

            @Override
            public boolean next(Object[] row) throws SQLException {
                if (!rs.next()) {
                    return false;
                }
                key = rs.getLong(1);
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
