package dev.diundashboard.storage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway before anything else touches the database. The single
 * application data source is defined here; its values come from {@link DatabaseConfigSource}.
 */
@DataSourceDefinition(
        name = DatabaseBinding.DATA_SOURCE,
        className = "com.zaxxer.hikari.HikariDataSource",
        properties = {
            // Payara enlists the connections in JTA; HikariCP pools them within DB_POOL_MIN..DB_POOL_MAX.
            "fish.payara.pooling=false",
            "driverClassName=${MPCONFIG=diun.datasource.driver}",
            "jdbcUrl=${MPCONFIG=diun.datasource.url}",
            "username=${MPCONFIG=diun.datasource.user}",
            "password=${MPCONFIG=diun.datasource.password}",
            "maximumPoolSize=${MPCONFIG=diun.datasource.pool-max}",
            "minimumIdle=${MPCONFIG=diun.datasource.pool-min}",
            "connectionTimeout=10000",
            "poolName=diun",
            "registerMbeans=true"
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

    @PostConstruct
    void migrate() {
        DatabaseSettings settings = binding.settings();
        LOG.info(() -> "DiunDashboard storage: " + settings.describe());
        settings.prepare();
        Flyway flyway = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations(settings.backend().migrationLocation())
                .validateMigrationNaming(true)
                .load();
        if (settings.backend() == Backend.SQLITE) {
            SqliteUpgradeBackup.beforeMigrating(flyway, dataSource, settings.sqliteFile(), Clock.systemUTC());
        }
        MigrateResult result = flyway.migrate();
        LOG.info(() -> "Schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migration(s) applied)");
    }
}
