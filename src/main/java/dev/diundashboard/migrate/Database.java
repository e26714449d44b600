package dev.diundashboard.migrate;

import dev.diundashboard.migrate.Schema.Column;
import dev.diundashboard.migrate.Schema.Table;
import dev.diundashboard.storage.Backend;
import dev.diundashboard.storage.DatabaseSettings;
import dev.diundashboard.storage.InvalidDatabaseConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

/**
 * One side of the copy, SQLite or PostgreSQL: what differs between the two is how they are opened,
 * read, written and how their identities are kept; the questions asked of them are the same.
 */
abstract class Database implements AutoCloseable {

    /**
     * A source is only read; a target is migrated and written; an inspected target is only read; the
     * target is also read back, on a connection of its own, by the verification while it is copied.
     */
    enum Role {
        SOURCE,
        TARGET,
        INSPECT,
        READ_BACK
    }

    final DatabaseSettings settings;
    final Role role;
    Connection connection;

    Database(DatabaseSettings settings, Role role) {
        this.settings = settings;
        this.role = role;
    }

    /** Parses {@code --from}/{@code --to}: a postgres:// (or postgresql://, jdbc:postgresql://) URL, else a file. */
    static DatabaseSettings settingsOf(String spec) {
        boolean postgres = spec.startsWith("postgres://")
                || spec.startsWith("postgresql://")
                || spec.startsWith("jdbc:postgresql://");
        try {
            return DatabaseSettings.from(key -> (postgres ? "DATABASE_URL" : "DB_PATH").equals(key) ? spec : null);
        } catch (InvalidDatabaseConfigurationException e) {
            throw MigrationException.refused(e.getMessage().replace("DATABASE_URL", "the URL"));
        }
    }

    static Database open(DatabaseSettings settings, Role role) {
        Database db = settings.backend() == Backend.SQLITE
                ? new SqliteDatabase(settings, role)
                : new PostgresDatabase(settings, role);
        try {
            db.connect();
        } catch (SQLException e) {
            throw MigrationException.database("cannot open " + settings.describe() + ": " + e.getMessage(), e);
        }
        return db;
    }

    abstract void connect() throws SQLException;

    /** False for a SQLite target file that does not exist yet (inspection only). */
    boolean exists() {
        return connection != null;
    }

    String describe() {
        return settings.describe();
    }

    Backend backend() {
        return settings.backend();
    }

    /** Applies this backend's pending Flyway migrations, as the app does at startup. */
    void migrate() {
        flyway().migrate();
    }

    Flyway flyway() {
        return Flyway.configure(getClass().getClassLoader())
                .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .locations(settings.backend().migrationLocation())
                .validateMigrationNaming(true)
                .load();
    }

    /** The latest successfully applied schema version, or null without a schema history. */
    MigrationVersion schemaVersion() throws SQLException {
        if (!tableExists("flyway_schema_history")) {
            return null;
        }
        MigrationVersion latest = null;
        try (var s = connection.createStatement();
                var rs = s.executeQuery(
                        "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
            while (rs.next()) {
                MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
                if (latest == null || v.compareTo(latest) > 0) {
                    latest = v;
                }
            }
        }
        return latest;
    }

    abstract boolean tableExists(String table) throws SQLException;

    abstract Set<String> columnsOf(String table) throws SQLException;

    /** Refuses a source that is damaged (only a file can be checked here). */
    void checkIntegrity() throws SQLException {}

    /** Refuses a source whose tables are not what the migrations made (only a file can be that hostile). */
    void checkStructure() throws SQLException {}

    /**
     * Makes this run the only one writing the target, for as long as it runs; refuses (exit 3) when
     * another run holds it.
     */
    abstract void lockAsTarget() throws SQLException;

    /**
     * What identifies this database wherever it is reached from: its backend and its Flyway history
     * (versions, checksums and the time each was applied, which no other database shares). A copied
     * or moved SQLite file keeps it; any other database has another.
     */
    String fingerprint() throws SQLException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(backend().name().getBytes(StandardCharsets.UTF_8));
        try (var s = connection.createStatement();
                var rs = s.executeQuery("SELECT installed_rank, version, checksum, installed_on, success"
                        + " FROM flyway_schema_history ORDER BY installed_rank")) {
            while (rs.next()) {
                for (int i = 1; i <= 5; i++) {
                    sha.update(("\0" + rs.getString(i)).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return backend().name().toLowerCase(Locale.ROOT) + ":" + HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    /** Refuses when a table lacks a column the tool copies or has one it does not know. */
    void checkColumns() throws SQLException {
        for (Table t : Schema.TABLES) {
            Set<String> expected = new TreeSet<>();
            t.columns().stream().map(Column::name).forEach(expected::add);
            Set<String> actual = new TreeSet<>(columnsOf(t.name()));
            if (!actual.equals(expected)) {
                Set<String> missing = new HashSet<>(expected);
                missing.removeAll(actual);
                Set<String> unknown = new HashSet<>(actual);
                unknown.removeAll(expected);
                throw MigrationException.refused(describe() + ": table " + t.name()
                        + " does not have the columns this tool copies (missing " + missing + ", unknown "
                        + unknown + "); use the diun-migrate.jar built with the same version as the app");
            }
        }
    }

    boolean hasRows(Table t) throws SQLException {
        if (!tableExists(t.name())) {
            return false;
        }
        try (var s = connection.createStatement();
                var rs = s.executeQuery("SELECT 1 FROM " + t.name() + " LIMIT 1")) {
            return rs.next();
        }
    }

    /** The largest key present, or {@link Long#MIN_VALUE} when the table is empty or missing. */
    long maxKey(Table t) throws SQLException {
        if (!tableExists(t.name())) {
            return Long.MIN_VALUE;
        }
        try (var s = connection.createStatement();
                var rs = s.executeQuery("SELECT max(" + t.key() + ") FROM " + t.name())) {
            rs.next();
            long v = rs.getLong(1);
            return rs.wasNull() ? Long.MIN_VALUE : v;
        }
    }

    long count(Table t, long afterKey) throws SQLException {
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT count(*) FROM " + t.name() + " WHERE " + t.key() + " > ?")) {
            ps.setLong(1, afterKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Rows with a key above {@code afterKey}, in key order, checked and in their transit form. */
    RowCursor read(Table t, long afterKey) throws SQLException {
        return read(t, afterKey, Long.MAX_VALUE);
    }

    /** Rows with a key above {@code afterKey} and at most {@code upToKey}, as {@link #read(Table, long)}. */
    abstract RowCursor read(Table t, long afterKey, long upToKey) throws SQLException;

    abstract RowWriter writer(Table t) throws SQLException;

    /** The highest id this table's identity ever handed out (at least its largest id). */
    abstract long highestIdUsed(Table t) throws SQLException;

    /** Moves the identity on so that the next id is above {@code used} and above every id it gave. */
    abstract void continueIdentity(Table t, long used) throws SQLException;

    /** Prepares the target for loading many rows (it may set indexes aside); called after migrating. */
    void beforeBulkLoad() throws SQLException {}

    /** Undoes {@link #beforeBulkLoad()}, checking every constraint against the rows loaded. */
    void afterBulkLoad() throws SQLException {}

    /** Makes everything written durable (the copy may write with relaxed durability until here). */
    abstract void finish() throws SQLException;

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            connection.close();
        } catch (SQLException e) {
            // Closing after an error: nothing more to save.
        }
    }
}
