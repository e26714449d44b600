package dev.diundashboard.it;

import dev.diundashboard.it.support.RealWar;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The contract on SQLite (DB_PATH). */
@RunAsClient
class SqliteContractIT extends ContractTests {

    @Deployment(testable = false)
    @TargetsContainer("sqlite")
    static WebArchive war() {
        return RealWar.get();
    }

    /** The same WAR with login on, for the token and cross-site tests. */
    @Deployment(name = LOGIN, testable = false)
    @TargetsContainer("sqlite-login")
    static WebArchive loginWar() {
        return RealWar.get();
    }

    @Override
    String backendName() {
        return "sqlite";
    }

    @Override
    void executeSql(String sql) throws Exception {
        String file = System.getProperty("diun.it.work") + "/sqlite/diun.db";
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file + "?busy_timeout=10000");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    String failingEventTriggerSql() {
        return "CREATE TRIGGER IF NOT EXISTS it_fail_event BEFORE INSERT ON events"
                + " WHEN NEW.digest = 'sha256:rollback' BEGIN SELECT RAISE(ABORT, 'forced failure'); END";
    }

    @Override
    String loginQueryText(String sql) throws Exception {
        return query("/sqlite-login/diun.db", sql);
    }

    @Override
    String queryText(String sql) throws Exception {
        return query("/sqlite/diun.db", sql);
    }

    private static String query(String path, String sql) throws Exception {
        String file = System.getProperty("diun.it.work") + path;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file + "?busy_timeout=10000");
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
