package dev.diundashboard.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The contract on PostgreSQL (DATABASE_URL). */
@RunAsClient
@RequiresPostgres
class PostgresContractIT extends ContractTests {

    @Deployment(testable = false)
    @TargetsContainer("postgresql")
    static WebArchive war() {
        return RealWar.get();
    }

    @Override
    String backendName() {
        return "postgresql";
    }

    @Override
    void executeSql(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(System.getProperty(PostgresForTests.URL_PROPERTY));
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    String failingEventTriggerSql() {
        return "CREATE OR REPLACE FUNCTION it_fail_event() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN IF NEW.digest = 'sha256:rollback' THEN RAISE EXCEPTION 'forced failure'; END IF;"
                + " RETURN NEW; END $$;"
                + " DROP TRIGGER IF EXISTS it_fail_event ON events;"
                + " CREATE TRIGGER it_fail_event BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION it_fail_event()";
    }

    @Override
    String queryText(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(System.getProperty(PostgresForTests.URL_PROPERTY));
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
