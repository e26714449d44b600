package dev.diundashboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class DataSourceChoiceTest {

    @TempDir
    Path dir;

    private SQLiteDataSource serverPool() {
        SQLiteDataSource pool = new SQLiteDataSource();
        pool.setUrl("jdbc:sqlite:" + dir.resolve("server.db"));
        return pool;
    }

    /** A JNDI stand-in that names the non-transactional variant as GlassFish's suffix does. */
    private static DataSourceChoice.Lookup jndi(Map<String, Object> bindings) {
        return (name, nonTransactional) -> bindings.get(nonTransactional ? name + "__nontx" : name);
    }

    private DatabaseSettings ownSettings() {
        return DatabaseSettings.from(
                Map.of("DB_PATH", dir.resolve("own/diun.db").toString())::get);
    }

    @Test
    void serverJdbcDiunWinsAndIsUsedThroughItsNonTransactionalVariant() throws Exception {
        SQLiteDataSource nonTx = serverPool();
        Map<String, Object> jndi = Map.of("jdbc/diun", new SQLiteDataSource(), "jdbc/diun__nontx", nonTx);

        DataSourceChoice choice = DataSourceChoice.choose(jndi(jndi), this::ownSettings, null);

        assertThat(choice.fromServer()).isTrue();
        assertThat(choice.dataSource()).isSameAs(nonTx);
        assertThat(choice.source()).isEqualTo("the server's DataSource jdbc/diun");
        assertThat(dir.resolve("own")).doesNotExist();
    }

    @Test
    void withoutJdbcDiunTheOwnPoolServesTheConfiguredFile() throws Exception {
        DataSourceChoice choice = DataSourceChoice.choose((name, nonTx) -> null, this::ownSettings, null);
        try (Connection c = choice.dataSource().getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("SQLite");
        } finally {
            ((AutoCloseable) choice.dataSource()).close();
        }

        assertThat(choice.fromServer()).isFalse();
        assertThat(choice.source()).contains(dir.resolve("own/diun.db").toString());
        assertThat(dir.resolve("own/diun.db")).exists();
    }

    @Test
    void jdbcDiunWithoutNonTransactionalVariantIsAClearError() {
        Map<String, Object> jndi = Map.of("jdbc/diun", serverPool());

        assertThatThrownBy(() -> DataSourceChoice.choose(jndi(jndi), this::ownSettings, null))
                .isInstanceOf(InvalidDatabaseConfigurationException.class)
                .hasMessageContaining("non-transactional");
    }

    @Test
    void databaseUrlAlongsideJdbcDiunIsIgnoredWithAWarningThatHidesTheUrl() {
        Map<String, Object> jndi = Map.of("jdbc/diun", serverPool(), "jdbc/diun__nontx", serverPool());
        List<LogRecord> records = new ArrayList<>();
        Logger logger = Logger.getLogger(DataSourceChoice.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(capture);
        try {
            DataSourceChoice choice = DataSourceChoice.choose(
                    jndi(jndi),
                    () -> {
                        throw new AssertionError("DATABASE_URL must not be parsed when jdbc/diun exists");
                    },
                    "postgres://diun:hunter2@db/diun");
            assertThat(choice.fromServer()).isTrue();
        } finally {
            logger.removeHandler(capture);
        }

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.getMessage())
                    .contains("DATABASE_URL is set but ignored")
                    .doesNotContain("hunter2");
        });
    }

    @Test
    void backendIsReadFromTheProductName() {
        assertThat(Backend.ofProductName("PostgreSQL")).isEqualTo(Backend.POSTGRESQL);
        assertThat(Backend.ofProductName("SQLite")).isEqualTo(Backend.SQLITE);
        assertThatThrownBy(() -> Backend.ofProductName("MySQL"))
                .isInstanceOf(InvalidDatabaseConfigurationException.class)
                .hasMessageContaining("MySQL");
    }
}
