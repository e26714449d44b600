package dev.diundashboard.migrate;

import dev.diundashboard.storage.Backend;
import java.util.Arrays;
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
}
