package dev.diundashboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    private static DatabaseSettings with(Map<String, String> env) {
        return DatabaseSettings.from(env::get);
    }

    private static DatabaseSettings url(String url) {
        return with(Map.of("DATABASE_URL", url));
    }

    @Test
    void withoutDatabaseUrlTheDefaultIsSqliteUnderData() {
        DatabaseSettings s = with(Map.of());

        assertThat(s.backend()).isEqualTo(Backend.SQLITE);
        assertThat(s.sqliteFile()).isEqualTo(Path.of("data/diun.db").toAbsolutePath());
        assertThat(s.jdbcUrl())
                .startsWith("jdbc:sqlite:" + s.sqliteFile())
                .contains("journal_mode=WAL", "busy_timeout=");
        assertThat(s.describe()).isEqualTo("SQLite database at " + s.sqliteFile());
    }

    @Test
    void dbPathChoosesTheSqliteFile() {
        DatabaseSettings s = with(Map.of("DB_PATH", "/srv/diun/my.db"));

        assertThat(s.sqliteFile()).isEqualTo(Path.of("/srv/diun/my.db"));
    }

    @Test
    void postgresUrlBecomesJdbcUrlWithCredentialsKeptApart() {
        DatabaseSettings s = url("postgres://diun:s3cr%40t@db.example:5433/dash?sslmode=require");

        assertThat(s.backend()).isEqualTo(Backend.POSTGRESQL);
        assertThat(s.jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example:5433/dash?sslmode=require&ApplicationName=diun-dashboard");
        assertThat(s.user()).isEqualTo("diun");
        assertThat(s.password()).isEqualTo("s3cr@t");
        assertThat(s.describe()).isEqualTo("PostgreSQL database 'dash' on db.example:5433 as user 'diun'");
    }

    @Test
    void postgresqlSchemeAndDefaultPortAreAccepted() {
        DatabaseSettings s = url("postgresql://u:p@localhost/db");

        assertThat(s.jdbcUrl()).startsWith("jdbc:postgresql://localhost:5432/db?");
    }

    @Test
    void jdbcUrlCredentialsAreTakenOutOfTheUrl() {
        DatabaseSettings s = url("jdbc:postgresql://h:5432/db?user=app&password=hunter2&sslmode=disable");

        assertThat(s.user()).isEqualTo("app");
        assertThat(s.password()).isEqualTo("hunter2");
        assertThat(s.jdbcUrl())
                .doesNotContain("hunter2")
                .doesNotContain("user=")
                .contains("sslmode=disable");
    }

    @Test
    void ipv6HostsKeepTheirBrackets() {
        assertThat(url("postgres://u@[::1]:5432/db").jdbcUrl()).startsWith("jdbc:postgresql://[::1]:5432/db");
    }

    @Test
    void thePasswordNeverAppearsInDescriptions() {
        DatabaseSettings s = url("postgres://diun:topsecret@h/db");

        assertThat(s.describe()).doesNotContain("topsecret");
        assertThat(s.toString()).doesNotContain("topsecret");
        assertThat(s.jdbcUrl()).doesNotContain("topsecret");
    }

    @Test
    void badUrlsGiveOneClearErrorWithoutThePassword() {
        assertThatThrownBy(() -> url("mysql://root:topsecret@h/db"))
                .isInstanceOf(InvalidDatabaseConfigurationException.class)
                .hasMessageContaining("postgres://")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> url("postgres://u:topsecret@h:5432/"))
                .hasMessageContaining("database")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> url("postgres://u:topsecret@h/db?sslmode=always"))
                .hasMessageContaining("sslmode")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> url("postgres://u:top secret@h/db"))
                .isInstanceOf(InvalidDatabaseConfigurationException.class)
                .hasMessageNotContaining("top secret");
    }

    @Test
    void poolBoundsDefaultTo25And5OnPostgresqlAndAreValidated() {
        DatabaseSettings s = url("postgres://u@h/db");
        assertThat(s.poolMax()).isEqualTo(25);
        assertThat(s.poolMin()).isEqualTo(5);

        DatabaseSettings custom =
                with(Map.of("DATABASE_URL", "postgres://u@h/db", "DB_POOL_MAX", "40", "DB_POOL_MIN", "2"));
        assertThat(custom.poolMax()).isEqualTo(40);
        assertThat(custom.poolMin()).isEqualTo(2);

        assertThatThrownBy(() -> with(Map.of("DB_POOL_MAX", "lots"))).hasMessageContaining("DB_POOL_MAX");
        assertThatThrownBy(() -> with(Map.of("DB_POOL_MAX", "0"))).hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> with(Map.of("DB_POOL_MAX", "4", "DB_POOL_MIN", "5")))
                .hasMessageContaining("must not exceed");
    }

    @Test
    void sqlitePoolDefaultsToOneWriterAndThreeReadersAndStillHonoursDbPoolMax() {
        DatabaseSettings sqlite = with(Map.of("DB_PATH", "/data/diun.db"));
        assertThat(sqlite.backend()).isEqualTo(Backend.SQLITE);
        assertThat(sqlite.poolMax()).isEqualTo(4);
        assertThat(sqlite.poolMin()).isEqualTo(1);

        DatabaseSettings wider = with(Map.of("DB_PATH", "/data/diun.db", "DB_POOL_MAX", "10", "DB_POOL_MIN", "3"));
        assertThat(wider.poolMax()).isEqualTo(10);
        assertThat(wider.poolMin()).isEqualTo(3);

        // A DB_POOL_MAX below PostgreSQL's default minimum lowers the minimum with it.
        DatabaseSettings narrow = with(Map.of("DATABASE_URL", "postgres://u@h/db", "DB_POOL_MAX", "2"));
        assertThat(narrow.poolMax()).isEqualTo(2);
        assertThat(narrow.poolMin()).isEqualTo(2);
        assertThatThrownBy(() -> with(Map.of("DB_PATH", "/data/diun.db", "DB_POOL_MIN", "5")))
                .hasMessageContaining("DB_POOL_MIN (5) must not exceed DB_POOL_MAX (4)");
    }

    @Test
    void postgresqlConnectionsGetConnectSocketAndStatementTimeouts() {
        DatabaseSettings s = url("postgres://u@h/db");
        assertThat(s.statementTimeoutSeconds()).isEqualTo(3);
        assertThat(s.driverProperties(true))
                .containsEntry("connectTimeout", "2")
                .containsEntry("loginTimeout", "3")
                .containsEntry("socketTimeout", "4");
        // Migrations and other long work: no socket timeout, so a long statement is not cut.
        assertThat(s.driverProperties(false)).containsKey("connectTimeout").doesNotContainKey("socketTimeout");
        assertThat(s.sessionInitSql()).isEqualTo("SET statement_timeout = '3s'; SET lock_timeout = '3s'");

        DatabaseSettings longer = with(Map.of("DATABASE_URL", "postgres://u@h/db", "DB_STATEMENT_TIMEOUT", "20"));
        assertThat(longer.driverProperties(true)).containsEntry("socketTimeout", "21");
        assertThat(longer.sessionInitSql()).contains("statement_timeout = '20s'");

        assertThatThrownBy(() -> with(Map.of("DB_STATEMENT_TIMEOUT", "0")))
                .hasMessageContaining("DB_STATEMENT_TIMEOUT must be between 1 and 3600 seconds");
        assertThatThrownBy(() -> with(Map.of("DB_STATEMENT_TIMEOUT", "3s")))
                .hasMessageContaining("DB_STATEMENT_TIMEOUT must be a whole number");
    }

    @Test
    void sqliteConnectionsWaitAtMostTwoSecondsForAnotherProcess() {
        DatabaseSettings s = with(Map.of());
        assertThat(s.driverProperties(true)).isEmpty();
        assertThat(s.jdbcUrl()).contains("busy_timeout=2000");
        assertThat(s.sessionInitSql()).isNull();
    }
}
