package dev.diundashboard.it;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A fresh Payara Server 6 domain, configured with exactly the README's asadmin commands, runs the WAR
 * on the administrator's jdbc/diun: PostgreSQL and SQLite.
 */
class PayaraServerIT {

    static final Path INSTALL = ServerTools.SERVERS.resolve("payara6");

    @Test
    @RequiresPostgres
    void runsOnTheAdministratorsPostgresqlDataSource() throws Exception {
        try (var db = new ServerTools.PgDatabase("diun_payara");
                var domain = new AppServerDomain(INSTALL, "payara-pg")) {
            AppServerDeployments.postgresql(domain, db);
        }
    }

    @Test
    void runsOnTheAdministratorsSqliteDataSource() throws Exception {
        try (var domain = new AppServerDomain(INSTALL, "payara-sqlite")) {
            AppServerDeployments.sqlite(domain);
        }
    }
}
