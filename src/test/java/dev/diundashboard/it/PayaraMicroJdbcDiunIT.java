package dev.diundashboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.it.support.RequiresPostgres;
import dev.diundashboard.it.support.ServerSmoke;
import dev.diundashboard.it.support.ServerTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Payara Micro with server-config/jdbc-diun-postgresql.asadmin as post-boot file and the driver from
 * --addLibs, as docs/deployment.md shows: the WAR runs on that jdbc/diun, not on DATABASE_URL.
 */
@RequiresPostgres
class PayaraMicroJdbcDiunIT {

    @Test
    void postBootFileDefinesTheJdbcDiunTheAppRunsOn() throws Exception {
        Path work = Files.createDirectories(ServerTools.SERVERS.resolve("micro"));
        Path log = work.resolve("payara-micro.log");
        int port = ServerTools.freePort();
        try (var db = new ServerTools.PgDatabase("diun_micro")) {
            ProcessBuilder builder = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx512m",
                            "-jar",
                            System.getProperty("payara.microJar", "target/payara-micro.jar"),
                            "--nohazelcast",
                            "--port",
                            String.valueOf(port),
                            "--addLibs",
                            ServerTools.SERVERS
                                    .resolve("drivers/postgresql.jar")
                                    .toString(),
                            "--prebootcommandfile",
                            "server-config/http-listener.asadmin",
                            "--postbootcommandfile",
                            "server-config/jdbc-diun-postgresql.asadmin",
                            "--deploy",
                            ServerTools.WAR.toString(),
                            "--contextroot",
                            "/"))
                    .directory(ServerTools.BASEDIR.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment()
                    .putAll(Map.of(
                            "DIUN_DB_HOST", db.host,
                            "DIUN_DB_PORT", String.valueOf(db.port),
                            "DIUN_DB_NAME", db.name,
                            "DIUN_DB_USER", db.user,
                            "DIUN_DB_PASSWORD", db.password,
                            // Ignored with a warning: jdbc/diun takes precedence.
                            "DATABASE_URL", "postgres://nobody:secret-not-logged@unreachable.invalid/none"));
            Process micro = builder.start();
            try {
                ServerTools.awaitStatus("http://localhost:" + port + "/health/ready", 200, Duration.ofMinutes(4));
                ServerSmoke.passes("http://localhost:" + port);
            } finally {
                micro.descendants().forEach(ProcessHandle::destroyForcibly);
                micro.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(output)
                    .contains("DiunDashboard storage: the server's DataSource jdbc/diun, dialect PostgreSQL")
                    .contains("DATABASE_URL is set but ignored")
                    .doesNotContain("secret-not-logged")
                    .doesNotContain(db.password);
        }
    }
}
