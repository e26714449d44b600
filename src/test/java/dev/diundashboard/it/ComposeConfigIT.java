package dev.diundashboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.diundashboard.it.support.ServerTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** compose.yml validates with docker-compose, without and with the postgres profile. */
class ComposeConfigIT {

    private static Path log;

    @BeforeAll
    static void dockerComposeIsInstalled() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/docker-compose"));
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true requires docker-compose (.ci/run installs it)");
        }
        assumeTrue(installed, "docker-compose is not installed");
        log = Files.createDirectories(ServerTools.SERVERS).resolve("compose.log");
    }

    private static String config(String... profile) throws Exception {
        var command = new java.util.ArrayList<>(List.of("docker-compose", "-f", "compose.yml"));
        command.addAll(List.of(profile));
        command.addAll(List.of("config"));
        // The placeholder values of .env.example, as a user who copied it has them.
        return ServerTools.run(command, Map.of("POSTGRES_PASSWORD", "change-me"), log, Duration.ofMinutes(1));
    }

    /** The lines of one service in `docker-compose config` output. */
    private static String service(String config, String name) {
        Matcher m = Pattern.compile("(?ms)^  " + Pattern.quote(name) + ":\\n(.*?)(?=^  \\S|^\\S|\\z)")
                .matcher(config);
        assertThat(m.find()).as("service " + name).isTrue();
        return m.group(1);
    }

    @Test
    void defaultRunsTheDashboardOnSqliteInANamedVolume() throws Exception {
        String dashboard = service(config(), "dashboard");

        assertThat(dashboard)
                .as("always on: no profile")
                .doesNotContain("profiles:")
                .contains("DB_PATH: /data/diun.db")
                .contains("diun-data:/data")
                .doesNotContain("DATABASE_URL")
                .as("unset secrets stay unset: an empty WEBHOOK_SECRET or half a login stops the dashboard")
                .doesNotContain("WEBHOOK_SECRET: ''", "DASHBOARD_USER: ''", "DASHBOARD_PASSWORD: ''", "MQTT_URL: ''");
    }

    @Test
    void postgresProfileAddsPostgresWithAHealthCheckAndADashboardThatWaitsForIt() throws Exception {
        String config = config("--profile", "postgres");
        String postgres = service(config, "postgres");
        String dashboard = service(config, "dashboard-postgres");

        assertThat(postgres)
                .contains("image: postgres:16-alpine")
                .contains("- postgres\n")
                .contains("pg_isready")
                .contains("postgres-data:/var/lib/postgresql/data");
        assertThat(dashboard)
                .contains("profiles:\n    - postgres")
                .contains("condition: service_healthy")
                .contains("DATABASE_URL: postgres://diun:change-me@postgres:5432/diun");
        assertThat(config).contains("postgres-data: {}");
    }
}
