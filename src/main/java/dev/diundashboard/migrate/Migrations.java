package dev.diundashboard.migrate;

import dev.diundashboard.storage.Backend;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/** The schema versions this build knows (both dialects have the same, in lock-step). */
final class Migrations {

    private Migrations() {}

    /** The latest version among the migrations on the class path, resolved by Flyway itself. */
    static MigrationVersion latest() {
        // An in-memory SQLite to resolve against: nothing is written anywhere.
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource("jdbc:sqlite::memory:", "", "")
                .locations(Backend.SQLITE.migrationLocation())
                .load();
        return Arrays.stream(flyway.info().all())
                .map(MigrationInfo::getVersion)
                .filter(v -> v != null)
                .max(MigrationVersion::compareTo)
                .orElseThrow(() -> new IllegalStateException("no migrations on the class path"));
    }

    /**
     * The triggers the SQLite migrations create, as {@code sqlite_master} holds them (key: table and
     * name, value: the statement's text), read from a private in-memory database migrated here: the
     * migrations stay the one place that says what they are.
     */
    static synchronized Map<String, String> sqliteTriggers() throws SQLException {
        if (sqliteTriggers == null) {
            String url = "jdbc:sqlite:file:diun-migrate-reference-" + System.nanoTime() + "?mode=memory&cache=shared";
            // The open connection keeps the shared in-memory database alive while Flyway uses its own.
            try (Connection keep = DriverManager.getConnection(url)) {
                Flyway.configure(Migrations.class.getClassLoader())
                        .dataSource(url, "", "")
                        .locations(Backend.SQLITE.migrationLocation())
                        .load()
                        .migrate();
                Map<String, String> triggers = new HashMap<>();
                try (Statement s = keep.createStatement();
                        ResultSet rs = s.executeQuery(
                                "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'trigger'")) {
                    while (rs.next()) {
                        triggers.put(triggerKey(rs.getString(1), rs.getString(2)), rs.getString(3));
                    }
                }
                sqliteTriggers = Map.copyOf(triggers);
            }
        }
        return sqliteTriggers;
    }

    static String triggerKey(String table, String trigger) {
        return table + "\0" + trigger;
    }

    private static Map<String, String> sqliteTriggers;
}
