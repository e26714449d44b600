package dev.diundashboard.it;

import dev.diundashboard.it.support.RealWar;
import dev.diundashboard.it.support.RequiresChromium;
import dev.diundashboard.it.support.RequiresPostgres;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The dashboard page in Chromium, on PostgreSQL. */
@RunAsClient
@RequiresChromium
@RequiresPostgres
class PostgresDashboardIT extends DashboardTests {

    @Deployment(testable = false)
    @TargetsContainer("postgresql-ui")
    static WebArchive war() {
        return RealWar.get();
    }

    @Override
    String backendName() {
        return "postgresql";
    }
}
