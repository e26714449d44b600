package dev.diundashboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.it.support.Api.Reply;
import dev.diundashboard.it.support.Notifications;
import dev.diundashboard.it.support.PostgresForTests;
import dev.diundashboard.it.support.RealWar;
import dev.diundashboard.it.support.RequiresPostgres;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** The contract on PostgreSQL (DATABASE_URL). */
@RunAsClient
@RequiresPostgres
class PostgresContractIT extends ContractTests {

    @Deployment(testable = false)
    @TargetsContainer("postgresql")
    static WebArchive war() {
        return RealWar.get();
    }

    /** The same WAR with login on, for the token and cross-site tests. */
    @Deployment(name = LOGIN, testable = false)
    @TargetsContainer("postgresql-login")
    static WebArchive loginWar() {
        return RealWar.get();
    }

    /**
     * Stops PostgreSQL from accepting connections to the test database and ends the app's sessions,
     * as a database restart or outage would; readiness must report DOWN (503) within its probe
     * timeout, and UP again once connections are accepted.
     */
    @Test
    void readinessIsDownWhileTheDatabaseRefusesConnectionsAndUpAgainAfter() throws Exception {
        String url = System.getProperty(PostgresForTests.URL_PROPERTY);
        String admin = url.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1postgres");
        String database;
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            database = rs.getString(1);
        }
        assertThat(api.get("/health/ready").status()).isEqualTo(200);
        try (Connection c = DriverManager.getConnection(admin);
                Statement s = c.createStatement()) {
            try {
                s.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                        + "' AND pid <> pg_backend_pid()");

                Reply down = api.get("/health/ready");
                assertThat(down.status()).as(down.body()).isEqualTo(503);
                JsonObject check = check(down.json(), "database");
                assertThat(check.getString("status")).isEqualTo("DOWN");
                assertThat(check.getJsonObject("data").getString("error")).isNotBlank();
                assertThat(api.get("/health/live").status()).isEqualTo(200);
            } finally {
                s.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Reply ready = api.get("/health/ready");
        while (ready.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            ready = api.get("/health/ready");
        }
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        assertThat(api.webhook(Notifications.json(Notifications.diun(host, "docker.io/library/back:1", "sha256:b")))
                        .status())
                .isEqualTo(200);
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
    String loginQueryText(String sql) throws Exception {
        return query(PostgresForTests.LOGIN_URL_PROPERTY, sql);
    }

    @Override
    String queryText(String sql) throws Exception {
        return query(PostgresForTests.URL_PROPERTY, sql);
    }

    private static String query(String urlProperty, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(System.getProperty(urlProperty));
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
