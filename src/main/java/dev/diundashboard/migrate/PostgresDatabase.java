package dev.diundashboard.migrate;

import dev.diundashboard.migrate.Schema.Column;
import dev.diundashboard.migrate.Schema.Kind;
import dev.diundashboard.migrate.Schema.Table;
import dev.diundashboard.storage.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

/**
 * A PostgreSQL database. As a source it is read in one read-only REPEATABLE READ transaction (one
 * snapshot, no writes possible); as a target rows go in with binary COPY ({@link CopyBinary}), one
 * transaction per batch (a kill loses at most the batch in flight, which the resume copies again).
 * Identities are the columns' sequences.
 */
final class PostgresDatabase extends Database {

    private static final int SEND_BYTES = 1 << 20;
    /** Where the indexes and constraints set aside for the copy are remembered until restored. */
    static final String DEFERRED = "diun_migrate_deferred";

    /** The advisory lock key a run holds on its target database ("diunmigr" in ASCII). */
    static final long TARGET_LOCK = 0x6469756e6d696772L;

    private static final Pattern COPY_LINE = Pattern.compile("COPY \\S+, line (\\d+)");

    PostgresDatabase(DatabaseSettings settings, Role role) {
        super(settings, role);
    }

    @Override
    void connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", settings.user());
        props.setProperty("password", settings.password());
        connection = DriverManager.getConnection(settings.jdbcUrl(), props);
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_encoding")) {
            rs.next();
            if (!"UTF8".equals(rs.getString(1))) {
                throw MigrationException.refused(
                        describe() + " has server_encoding " + rs.getString(1) + "; only UTF8 databases are supported");
            }
        }
        if (role == Role.TARGET) {
            connection.setAutoCommit(false);
            return;
        }
        if (role == Role.READ_BACK) {
            // It reads key ranges of tables just loaded, which have no statistics yet: without these the
            // planner sorts every range (on disk, for large rows) instead of following the primary key.
            try (Statement s = connection.createStatement()) {
                s.execute("SET enable_seqscan = off");
                s.execute("SET enable_bitmapscan = off");
                s.execute("SET enable_sort = off");
            }
        }
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    }

    @Override
    boolean tableExists(String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * A session-level advisory lock on the target database, held until this process's connection
     * closes (also when it is killed: the server ends the session).
     */
    @Override
    void lockAsTarget() throws SQLException {
        boolean locked;
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, TARGET_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                locked = rs.getBoolean(1);
            }
        }
        connection.commit();
        if (!locked) {
            throw MigrationException.refused("another diun-migrate is copying into " + describe()
                    + " (it holds the advisory lock " + TARGET_LOCK + "); wait for it to finish, or stop it and run"
                    + " again with --resume");
        }
    }

    @Override
    Set<String> columnsOf(String table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** Timestamps leave as canonical UTC text; outside 0001..9999 as PostgreSQL prints them (refused). */
    private static String selectExpression(Column c) {
        String n = c.name();
        return switch (c.kind()) {
            case TIMESTAMP ->
                "CASE WHEN " + n + " >= '0001-01-01 00:00:00+00'::timestamptz AND " + n
                        + " < '10000-01-01 00:00:00+00'::timestamptz THEN to_char(" + n
                        + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') ELSE " + n + "::text END";
            case JSON -> n + "::text";
            default -> n;
        };
    }

    @Override
    RowCursor read(Table t, long afterKey, long upToKey) throws SQLException {
        String select =
                t.columns().stream().map(PostgresDatabase::selectExpression).collect(Collectors.joining(", "));
        // Without an upper bound when there is none: the planner then plans a whole table as such.
        boolean bounded = upToKey != Long.MAX_VALUE;
        PreparedStatement ps = connection.prepareStatement("SELECT " + select + " FROM " + t.name() + " WHERE "
                + t.key() + " > ?" + (bounded ? " AND " + t.key() + " <= ?" : "") + " ORDER BY " + t.key());
        ps.setFetchSize(5_000);
        ps.setLong(1, afterKey);
        if (bounded) {
            ps.setLong(2, upToKey);
        }
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
                    Column c = t.columns().get(i);
                    if (c.kind() == Kind.BIGINT || c.kind() == Kind.INT) {
                        long v = rs.getLong(i + 1);
                        row[i] = v == 0 && rs.wasNull() ? null : v;
                    } else {
                        byte[] b = rs.getBytes(i + 1);
                        if (b != null && c.kind() == Kind.TIMESTAMP && !Values.isCanonicalTimestamp(b)) {
                            throw new UnstorableValueException(
                                    t.name(),
                                    key,
                                    c.name(),
                                    "timestamp " + new String(b) + " is outside the years"
                                            + " 0001 to 9999, which SQLite's text form cannot order");
                        }
                        row[i] = b;
                    }
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

    @Override
    RowWriter writer(Table t) throws SQLException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        String sql = "COPY " + t.name() + " (" + t.columnList() + ") FROM STDIN WITH (FORMAT binary)";
        CopyBinary binary = new CopyBinary(t);
        return new RowWriter() {
            private final ByteSink buffer = new ByteSink(SEND_BYTES + 65_536);
            private long[] keys = new long[1024];
            private int rows;
            private CopyIn in;

            @Override
            public void add(Object[] row, long key) throws SQLException {
                if (rows == keys.length) {
                    keys = java.util.Arrays.copyOf(keys, rows * 2);
                }
                if (rows == 0) {
                    CopyBinary.header(buffer);
                }
                int mark = buffer.size();
                try {
                    binary.append(row, key, buffer);
                } catch (UnstorableValueException e) {
                    buffer.truncate(mark);
                    throw e;
                }
                keys[rows++] = key;
                if (buffer.size() >= SEND_BYTES) {
                    send();
                }
            }

            private void send() throws SQLException {
                try {
                    if (in == null) {
                        in = copy.copyIn(sql);
                    }
                    in.writeToCopy(buffer.array(), 0, buffer.size());
                    buffer.reset();
                } catch (SQLException e) {
                    throw explain(e);
                }
            }

            @Override
            public void commit() throws SQLException {
                if (rows == 0) {
                    return;
                }
                CopyBinary.trailer(buffer);
                send();
                try {
                    in.endCopy();
                } catch (SQLException e) {
                    throw explain(e);
                } finally {
                    in = null;
                }
                connection.commit();
                rows = 0;
            }

            private SQLException explain(SQLException e) {
                if (in != null && in.isActive()) {
                    try {
                        in.cancelCopy();
                    } catch (SQLException ignored) {
                        // The copy failed already.
                    }
                }
                in = null;
                if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
                    String where = p.getServerErrorMessage().getWhere();
                    Matcher m = where == null ? null : COPY_LINE.matcher(where);
                    if (m != null && m.find()) {
                        int line = Integer.parseInt(m.group(1));
                        Object key = line >= 1 && line <= rows ? keys[line - 1] : "?";
                        throw new UnstorableValueException(
                                t.name(),
                                key,
                                null,
                                "PostgreSQL refused the row: "
                                        + p.getServerErrorMessage().getMessage());
                    }
                }
                return e;
            }

            @Override
            public void close() throws SQLException {
                if (in != null && in.isActive()) {
                    in.cancelCopy();
                }
            }
        };
    }

    /**
     * Drops the tables' indexes and constraints (foreign keys, unique constraints, plain indexes),
     * remembering their definitions in {@link #DEFERRED} in the same transaction; a kill at any point
     * leaves either both or neither. Building an index once is much faster than updating it for every
     * row COPY adds. The primary keys stay: keys arrive in order, so each lands at the end of its index
     * cheaply, and the verification reads each committed batch back by its key range while the copy
     * goes on.
     */
    @Override
    void beforeBulkLoad() throws SQLException {
        if (tableExists(DEFERRED)) {
            return; // an interrupted run set them aside already
        }
        String tables = Schema.TABLES.stream().map(t -> "'" + t.name() + "'").collect(Collectors.joining(", "));
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE " + DEFERRED + " (position integer PRIMARY KEY, table_name text NOT NULL,"
                    + " name text NOT NULL, kind text NOT NULL, definition text NOT NULL)");
            // Restored in this order: unique keys, then plain indexes, then foreign keys.
            s.execute("INSERT INTO " + DEFERRED + " SELECT row_number() OVER (ORDER BY rank, name), table_name, name,"
                    + " kind, definition FROM ("
                    + " SELECT CASE c.contype WHEN 'f' THEN 3 ELSE 1 END AS rank, cl.relname AS table_name,"
                    + " c.conname AS name, 'constraint' AS kind, pg_get_constraintdef(c.oid) AS definition"
                    + " FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid"
                    + " WHERE cl.relnamespace = current_schema()::regnamespace AND cl.relname IN (" + tables + ")"
                    + " AND c.contype IN ('u', 'f')"
                    + " UNION ALL SELECT 2, i.tablename, i.indexname, 'index', i.indexdef FROM pg_indexes i"
                    + " WHERE i.schemaname = current_schema() AND i.tablename IN (" + tables + ")"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname"
                    + " AND c.connamespace = current_schema()::regnamespace)) d");
            List<String[]> deferred = new ArrayList<>();
            try (ResultSet rs =
                    s.executeQuery("SELECT table_name, name, kind FROM " + DEFERRED + " ORDER BY position DESC")) {
                while (rs.next()) {
                    deferred.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            for (String[] d : deferred) {
                s.execute(
                        d[2].equals("index")
                                ? "DROP INDEX " + quote(d[1])
                                : "ALTER TABLE " + quote(d[0]) + " DROP CONSTRAINT " + quote(d[1]));
            }
        }
        connection.commit();
    }

    @Override
    void afterBulkLoad() throws SQLException {
        if (!tableExists(DEFERRED)) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("SET maintenance_work_mem = '256MB'");
            List<String[]> deferred = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT table_name, name, kind, definition FROM " + DEFERRED + " ORDER BY position")) {
                while (rs.next()) {
                    deferred.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            for (String[] d : deferred) {
                try {
                    s.execute(
                            d[2].equals("index")
                                    ? d[3]
                                    : "ALTER TABLE " + quote(d[0]) + " ADD CONSTRAINT " + quote(d[1]) + " " + d[3]);
                } catch (SQLException e) {
                    connection.rollback();
                    throw new MigrationException(
                            ExitCodes.UNSTORABLE,
                            "PostgreSQL refused the rows copied into " + d[0] + ": " + d[1] + " " + d[3] + ": "
                                    + e.getMessage());
                }
            }
            s.execute("DROP TABLE " + DEFERRED);
        }
        connection.commit();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private String sequenceOf(Table t) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
            ps.setString(1, t.name());
            ps.setString(2, t.key());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Override
    long highestIdUsed(Table t) throws SQLException {
        long max = Math.max(0, maxKey(t));
        String sequence = sequenceOf(t);
        if (sequence == null) {
            return max;
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM " + sequence)) {
            rs.next();
            long handedOut = rs.getBoolean(2) ? rs.getLong(1) : rs.getLong(1) - 1;
            return Math.max(max, handedOut);
        }
    }

    @Override
    void continueIdentity(Table t, long used) throws SQLException {
        long value = Math.max(used, highestIdUsed(t));
        String sequence = sequenceOf(t);
        if (sequence == null || value < 1) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT setval(?::regclass, ?, true)")) {
            ps.setString(1, sequence);
            ps.setLong(2, value);
            ps.executeQuery().close();
        }
    }

    @Override
    void finish() throws SQLException {
        connection.commit();
    }
}
