package dev.diundashboard.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/** The documented admin-configured deployments, run on a started domain and checked over HTTP. */
public final class AppServerDeployments {

    private static final Logger LOG = Logger.getLogger(AppServerDeployments.class.getName());

    private AppServerDeployments() {}

    public static void postgresql(AppServerDomain domain, ServerTools.PgDatabase db) throws Exception {
        Duration started = domain.start();
        domain.runReadmeBlock(
                "asadmin-postgresql",
                Map.of(
                        "DRIVER_JAR",
                                ServerTools.SERVERS
                                        .resolve("drivers/postgresql.jar")
                                        .toString(),
                        "DB_HOST", db.host,
                        "DB_PORT", String.valueOf(db.port),
                        "DB_NAME", db.name,
                        "DB_USER", db.user,
                        "DB_PASSWORD", db.password));
        checkApp(domain, "PostgreSQL", started);
        assertThat(Files.readString(domain.serverLog().resolveSibling("../config/domain.xml")))
                .as("the password is stored as an alias, not in clear")
                .contains("${ALIAS=diun-db-password}")
                .doesNotContain(db.password);
    }

    public static void sqlite(AppServerDomain domain) throws Exception {
        // A folder of its own per run: an identity hash code repeats across runs, and an old file
        // (with a webhook token from an earlier run) would change what the test sees.
        Path file = Files.createTempDirectory(
                        Files.createDirectories(ServerTools.SERVERS.resolve("domains")), "sqlite-data-")
                .resolve("diun.db");
        Duration started = domain.start();
        domain.runReadmeBlock(
                "asadmin-sqlite",
                Map.of(
                        "DRIVER_JAR",
                                ServerTools.SERVERS
                                        .resolve("drivers/sqlite-jdbc.jar")
                                        .toString(),
                        "DB_FILE", file.toString()));
        checkApp(domain, "SQLite", started);
        assertThat(file).exists();
    }

    /**
     * Switches the deployed application to DASHBOARD_AUTH=realm with the documented commands and checks
     * the login against the domain's file realm; then that an invalid value stops the application.
     *
     * @param health whether the server serves /health (Payara; GlassFish has no MicroProfile Health)
     */
    public static void realmLogin(AppServerDomain domain, boolean health) throws Exception {
        RealmLogin.Account user = new RealmLogin.Account("realm-operator", "operator-pw-" + UUID.randomUUID());
        RealmLogin.Account outsider = new RealmLogin.Account("realm-guest", "guest-pw-" + UUID.randomUUID());
        RealmLogin.Account unknown = new RealmLogin.Account("nobody", "nobody-pw");
        domain.createFileUser(outsider.name(), outsider.password(), "staff");
        domain.runReadmeBlock("asadmin-realm", Map.of("LOGIN_USER", user.name(), "LOGIN_PASSWORD", user.password()));
        String base = domain.httpBase() + "/diun";
        ServerTools.awaitStatus(base + "/api/summary", 401, Duration.ofMinutes(2));
        String loginLine = "DiunDashboard login: the server's security realm (DASHBOARD_AUTH=realm)";
        assertLogged(domain, loginLine);
        assertThat(domain.serverLogText()).doesNotContain(user.password());
        RealmLogin.passes(base, health ? domain.httpBase() : null, user, outsider, unknown);
        roleMatrix(domain, base, user);
        RealmLogin.losingTheGroupEndsAccess(
                base, user, () -> domain.updateFileUser(user.name(), user.password(), "staff"));

        domain.asadmin("create-system-properties", "DASHBOARD_AUTH=ldap");
        domain.asadmin("disable", "diun-dashboard");
        assertThatThrownBy(() -> domain.asadmin("enable", "diun-dashboard"))
                .as("an invalid DASHBOARD_AUTH stops the application, and the deployer's message says why")
                .hasMessageContaining("DASHBOARD_AUTH must be 'realm' or unset, not 'ldap'");
        String refusal = "DASHBOARD_AUTH must be 'realm' or unset, not 'ldap'";
        assertLogged(domain, refusal);
    }

    /**
     * The role matrix in realm mode: a user of each realm group (and {@code user}, in the group
     * {@code dashboard} of earlier versions) calls every operation written down in {@link LeastRoles}
     * with HTTP Basic.
     */
    private static void roleMatrix(AppServerDomain domain, String base, RealmLogin.Account legacyAdmin)
            throws Exception {
        Map<String, String> groupOf = new java.util.LinkedHashMap<>();
        groupOf.put("viewer", "diun-viewer");
        groupOf.put("operator", "diun-operator");
        groupOf.put("admin", "diun-admin");
        java.util.List<String> unexpected = new java.util.ArrayList<>();
        for (Map.Entry<String, String> role : groupOf.entrySet()) {
            RealmLogin.Account account = new RealmLogin.Account("matrix-" + role.getKey(), "pw-" + UUID.randomUUID());
            domain.createFileUser(account.name(), account.password(), role.getValue());
            unexpected.addAll(matrix(base, account, role.getKey()));
        }
        unexpected.addAll(matrix(base, legacyAdmin, "admin"));
        assertThat(unexpected).as("unexpected answers in realm mode").isEmpty();
        LOG.info("realm role matrix: four users, every operation written down, as expected");
    }

    private static java.util.List<String> matrix(String base, RealmLogin.Account account, String role)
            throws Exception {
        Api api = new Api(java.net.URI.create(base + "/").toURL(), Api.basic(account.name(), account.password()));
        return LeastRoles.unexpected(
                LeastRoles.OF_OPERATION.keySet(),
                account.name(),
                role,
                (method, path, body) -> api.send(method, path, body, body == null ? null : "application/json")
                        .status());
    }

    /**
     * Asserts that the server log has the line, unless it has no line of the application at all: seen
     * on GlassFish under load, its log handler wrote nothing after the launcher's lines, not even at
     * stop. Then there is nothing to judge by, and the answers over HTTP have to do.
     */
    private static void assertLogged(AppServerDomain domain, String line) throws Exception {
        String log = domain.serverLogWith(line);
        if (log.contains("dev.diundashboard") || log.contains("DiunDashboard") || log.contains(line)) {
            assertThat(log).contains(line);
        } else {
            LOG.warning(() -> domain.serverLog() + " holds no line of the application; not checked: " + line);
        }
    }

    /** The server log's last 60 lines, for a failure message. */
    private static String tail(AppServerDomain domain) throws java.io.IOException {
        java.util.List<String> lines = domain.serverLogText().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static void checkApp(AppServerDomain domain, String dialect, Duration started) throws Exception {
        String base = domain.httpBase() + "/diun";
        Duration ready;
        try {
            ready = ServerTools.awaitStatus(base + "/api/summary", 200, Duration.ofMinutes(3));
        } catch (AssertionError notAnswering) {
            throw new AssertionError(
                    notAnswering.getMessage() + "; the server log ends with:\n" + tail(domain), notAnswering);
        }
        assertThat(domain.restartedSinceStart())
                .as("the documented restart-domain restarted this domain")
                .isTrue();
        ServerSmoke.passes(base);
        String storageLine = "DiunDashboard storage: the server's DataSource jdbc/diun, dialect " + dialect;
        assertLogged(domain, storageLine);
        assertThat(domain.serverLogText())
                .as("both listeners allow GET bodies from their configuration; the application did not have to")
                .doesNotContain("would refuse a body on GET");
        LOG.info(() -> domain.serverLog() + ": domain up in " + started.toSeconds() + " s, app answered "
                + ready.toMillis() + " ms after the documented commands");
    }
}
