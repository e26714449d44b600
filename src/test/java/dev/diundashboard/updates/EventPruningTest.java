package dev.diundashboard.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diundashboard.storage.Dialect;
import dev.diundashboard.storage.postgresql.PostgresDialect;
import dev.diundashboard.storage.sqlite.SqliteDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention rule against the real schemas: SQLite always, PostgreSQL when the tests have one. */
class EventPruningTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @TempDir
    Path folder;

    @Test
    void retentionOfZeroDaysKeepsEverythingAndOtherwiseCutsAtNowMinusTheDays() {
        assertThat(EventPruning.cutoff(NOW, 0)).isEmpty();
        assertThat(EventPruning.cutoff(NOW, 365)).contains(NOW.minus(Duration.ofDays(365)));
        assertThatThrownBy(() -> EventPruning.cutoff(NOW, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sqliteDeletesOnlyEventsOlderThanTheCutoffInBatches() throws Exception {
        String url = "jdbc:sqlite:" + Files.createDirectories(folder).resolve("prune.db");
        Flyway.configure()
                .dataSource(url, "", "")
                .locations("classpath:db/migration/sqlite")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url)) {
            prunesInBatches(c, new SqliteDialect());
        }
    }

    @Test
    void postgresDeletesOnlyOldEventsAndASecondInstanceBacksOffWhileOneIsPruning() throws Exception {
        String url = System.getProperty("diun.it.pg.url");
        Assumptions.assumeTrue(url != null || "true".equalsIgnoreCase(System.getenv("CI")), "no PostgreSQL");
        assertThat(url).as("CI=true requires PostgreSQL").isNotNull();
        try (Connection setup = DriverManager.getConnection(url);
                Statement s = setup.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS prune_test CASCADE");
            s.execute("CREATE SCHEMA prune_test");
        }
        String schemaUrl = url + "&currentSchema=prune_test";
        Flyway.configure()
                .dataSource(schemaUrl, null, null)
                .schemas("prune_test")
                .locations("classpath:db/migration/postgresql")
                .load()
                .migrate();
        Dialect dialect = new PostgresDialect();
        try (Connection first = DriverManager.getConnection(schemaUrl);
                Connection second = DriverManager.getConnection(schemaUrl)) {
            prunesInBatches(first, dialect);

            insertEvents(first, dialect, 2, NOW.minus(Duration.ofDays(500)));
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            Instant cutoff = NOW.minus(Duration.ofDays(365));
            assertThat(EventPruning.pruneBatch(first, dialect, cutoff, 10)).isEqualTo(2);
            assertThat(EventPruning.pruneBatch(second, dialect, cutoff, 10)).isEqualTo(-1);
            first.commit();
            second.rollback();
            assertThat(EventPruning.pruneBatch(second, dialect, cutoff, 10)).isZero();
            second.commit();
        } finally {
            try (Connection c = DriverManager.getConnection(url);
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS prune_test CASCADE");
            }
        }
    }

    private static void prunesInBatches(Connection c, Dialect dialect) throws SQLException {
        insertEvents(c, dialect, 5, NOW.minus(Duration.ofDays(400)));
        insertEvents(c, dialect, 3, NOW.minus(Duration.ofDays(364)));
        Instant cutoff = EventPruning.cutoff(NOW, 365).orElseThrow();

        assertThat(EventPruning.pruneBatch(c, dialect, cutoff, 2)).isEqualTo(2);
        assertThat(EventPruning.pruneBatch(c, dialect, cutoff, 2)).isEqualTo(2);
        assertThat(EventPruning.pruneBatch(c, dialect, cutoff, 2)).isEqualTo(1);
        assertThat(EventPruning.pruneBatch(c, dialect, cutoff, 2)).isZero();

        assertThat(count(c, "SELECT count(*) FROM events")).isEqualTo(3);
        assertThat(count(c, "SELECT count(*) FROM updates")).isEqualTo(1);
    }

    /** Events of one update (inserted with the app's own upsert and event statements). */
    private static void insertEvents(Connection c, Dialect dialect, int count, Instant receivedAt) throws SQLException {
        long id;
        try (PreparedStatement upsert = c.prepareStatement(dialect.upsertUpdateSql())) {
            upsert.setString(1, "host");
            upsert.setString(2, "docker.io/library/old:1");
            for (int i = 3; i <= 7; i++) {
                upsert.setString(i, "x");
            }
            dialect.setInstant(upsert, 8, null);
            upsert.setString(9, "linux/amd64");
            dialect.setJson(upsert, 10, null);
            upsert.setString(11, "4.29.0");
            dialect.setInstant(upsert, 12, receivedAt);
            dialect.setInstant(upsert, 13, receivedAt);
            try (ResultSet rs = upsert.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        for (int i = 0; i < count; i++) {
            try (PreparedStatement event = c.prepareStatement(dialect.insertEventSql())) {
                event.setLong(1, id);
                dialect.setInstant(event, 2, receivedAt.plusSeconds(i));
                event.setString(3, "new");
                event.setString(4, "sha256:" + i);
                dialect.setJson(event, 5, "{\"image\": \"docker.io/library/old:1\"}");
                event.executeUpdate();
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
