package dev.diundashboard.storage;

import dev.diundashboard.storage.sqlite.SqliteUpgradeBackup;
import dev.diundashboard.storage.sqlite.UpgradeRefusedException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway before anything else touches the database. The single
 * application data source is defined here; where its connections come from is {@link DataSourceChoice}.
 */
@DataSourceDefinition(
        name = DatabaseBinding.DATA_SOURCE,
        className = "dev.diundashboard.storage.AppDataSource",
        // The pool that bounds connections is the one behind (DB_POOL_MAX, or the server's jdbc/diun);
        // the container's wrapper must not refuse the 33rd concurrent request on its own.
        minPoolSize = 0,
        maxPoolSize = 1000,
        properties = {
            // Payara enlists the connections in JTA; the pool behind them is HikariCP or the server's jdbc/diun.
            "fish.payara.pooling=false"
        })
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = DatabaseBinding.DATA_SOURCE)
    DataSource dataSource;

    @Inject
    DatabaseBinding binding;

    @Inject
    SchemaStatus status;

    @Inject
    Instance<DataSourceChoice> choices;

    /** The choice made for this deployment, once {@link #migrate} has seen it; closed on undeploy. */
    private DataSourceChoice choice;

    @PostConstruct
    void migrate() {
        DatabaseBinding.Connected connected = binding.connected();
        // the first connection (above) made the choice; this only picks it up
        DataSourceChoice choice = choices.get();
        this.choice = choice;
        LOG.info(() -> "DiunDashboard storage: " + choice.source() + ", dialect "
                + connected.backend().displayName() + " (" + connected.product() + ")");
        Flyway flyway = Flyway.configure(getClass().getClassLoader())
                .dataSource(choice.migrationDataSource(dataSource))
                .locations(connected.backend().migrationLocation())
                .validateMigrationNaming(true)
                .load();
        upgrade(flyway, dataSource, connected.backend(), status, SqliteUpgradeBackup.DISK, Clock.systemUTC());
    }

    /**
     * Migrates, on SQLite after a verified backup. When no backup can be made the schema is left as
     * it is and the reason goes to {@code status}: the application stays up, not ready, instead of
     * failing the deployment into a restart loop against the same full disk. Public for the SQLite
     * upgrade tests, which live with {@link SqliteUpgradeBackup} in {@code storage.sqlite}.
     */
    public static void upgrade(
            Flyway flyway,
            DataSource dataSource,
            Backend backend,
            SchemaStatus status,
            SqliteUpgradeBackup.FreeSpace freeSpace,
            Clock clock) {
        if (backend == Backend.SQLITE) {
            try {
                SqliteUpgradeBackup.beforeMigrating(flyway, dataSource, clock, freeSpace);
            } catch (UpgradeRefusedException e) {
                status.refuse(e.getMessage());
                LOG.severe(e.getMessage());
                return;
            }
        }
        MigrateResult result = flyway.migrate();
        LOG.info(() -> "Schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migration(s) applied)");
    }

    @PreDestroy
    void closeOwnPool() {
        if (choice != null) {
            choice.close();
        }
    }
}
