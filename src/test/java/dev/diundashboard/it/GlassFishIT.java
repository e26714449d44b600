package dev.diundashboard.it;

import dev.diundashboard.it.support.AppServerDeployments;
import dev.diundashboard.it.support.AppServerDomain;
import dev.diundashboard.it.support.RequiresPostgres;
import dev.diundashboard.it.support.ServerTools;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A fresh GlassFish 7 domain, configured with exactly the documented asadmin commands, runs the WAR on
 * jdbc/diun, then switches the login to the server's realm (DASHBOARD_AUTH=realm).
 */
class GlassFishIT {

    static final Path INSTALL = ServerTools.SERVERS.resolve("glassfish7");

    @Test
    @RequiresPostgres
    void runsOnTheAdministratorsPostgresqlDataSourceThenLogsInAgainstTheServersRealm() throws Exception {
        try (var db = new ServerTools.PgDatabase("diun_glassfish");
                var domain = new AppServerDomain(INSTALL, "glassfish-pg")) {
            AppServerDeployments.postgresql(domain, db);
            AppServerDeployments.realmLogin(domain, false);
        }
    }
}
