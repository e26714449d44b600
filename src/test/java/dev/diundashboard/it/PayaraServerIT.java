package dev.diundashboard.it;

import dev.diundashboard.it.support.AppServerDeployments;
import dev.diundashboard.it.support.AppServerDomain;
import dev.diundashboard.it.support.RequiresPostgres;
import dev.diundashboard.it.support.ServerTools;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A fresh Payara Server 6 domain, configured with exactly the documented asadmin commands, runs the WAR
 * on the administrator's jdbc/diun: PostgreSQL and SQLite; the SQLite domain then switches the login
 * to the server's realm (DASHBOARD_AUTH=realm).
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
    void runsOnTheAdministratorsSqliteDataSourceThenLogsInAgainstTheServersRealm() throws Exception {
        try (var domain = new AppServerDomain(INSTALL, "payara-sqlite")) {
            AppServerDeployments.sqlite(domain);
            AppServerDeployments.realmLogin(domain, true);
        }
    }
}
