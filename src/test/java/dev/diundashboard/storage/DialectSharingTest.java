package dev.diundashboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diundashboard.storage.postgresql.PostgresDialect;
import dev.diundashboard.storage.sqlite.SqliteDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which dialect lets several instances share its database, and what the other one refuses. */
class DialectSharingTest {

    @Test
    void sqliteIsForOneInstanceNeedsNoPruneLockAndHasNoNotifications() throws Exception {
        Dialect sqlite = new SqliteDialect();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            assertThat(sqlite.sharedByInstances()).isFalse();
            assertThat(sqlite.tryPruneLock(c, 42)).isTrue();
            assertThatThrownBy(() -> sqlite.announce(c, "diun_changes", List.of("{}")))
                    .isInstanceOf(SQLFeatureNotSupportedException.class);
            assertThatThrownBy(() -> sqlite.listen(c, "diun_changes"))
                    .isInstanceOf(SQLFeatureNotSupportedException.class);
        }
    }

    @Test
    void postgresqlIsSharedAndRefusesToListenOnAConnectionThatIsNotPostgresql() throws Exception {
        Dialect postgres = new PostgresDialect();
        assertThat(postgres.sharedByInstances()).isTrue();
        try (Connection notPostgres = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            assertThatThrownBy(() -> postgres.listen(notPostgres, "diun_changes"))
                    .isInstanceOf(SQLFeatureNotSupportedException.class)
                    .hasMessageContaining("not a PostgreSQL JDBC connection");
        }
    }
}
