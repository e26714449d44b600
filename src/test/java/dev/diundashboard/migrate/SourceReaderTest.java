package dev.diundashboard.migrate;

import static dev.diundashboard.migrate.MigrateFixtures.fill;
import static dev.diundashboard.migrate.MigrateFixtures.openSqlite;
import static dev.diundashboard.migrate.MigrateFixtures.sqlite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diundashboard.migrate.Database.Role;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-ahead hands over every row once, in key order, and a failure only after the rows before it. */
class SourceReaderTest {

    static final Schema.Table EVENTS = Schema.named("events");

    @TempDir
    Path dir;

    /** Drains the reader as the copy does, slowly when asked; the keys seen, then the failure if any. */
    private static List<Object> drain(Database source, long after, boolean slow) throws Exception {
        List<Object> seen = new ArrayList<>();
        try (SourceReader reader = new SourceReader(source, EVENTS, after)) {
            boolean last;
            do {
                SourceReader.Chunk chunk = reader.next();
                last = chunk.last;
                Throwable failure = chunk.failure;
                for (int i = 0; i < chunk.size; i++) {
                    assertThat(chunk.rows[i][0]).isEqualTo(chunk.keys[i]);
                    seen.add(chunk.keys[i]);
                }
                reader.release(chunk);
                if (slow) {
                    Thread.sleep(1);
                }
                if (failure != null) {
                    seen.add(failure.getMessage());
                }
            } while (!last);
        }
        return seen;
    }

    private static List<Object> keys(long from, long to) {
        List<Object> keys = new ArrayList<>();
        for (long k = from; k <= to; k++) {
            keys.add(k);
        }
        return keys;
    }

    @Test
    void everyRowArrivesOnceInKeyOrderWhateverTheCopysPace() throws Exception {
        Path file = sqlite(dir.resolve("source.db"));
        try (Connection c = openSqlite(file)) {
            fill(c, 100, 50); // 5,000 events: about twenty chunks
        }
        try (Database source = Database.open(Database.settingsOf(file.toString()), Role.SOURCE)) {
            assertThat(drain(source, Long.MIN_VALUE, false)).isEqualTo(keys(1, 5_000));
            assertThat(drain(source, Long.MIN_VALUE, true)).isEqualTo(keys(1, 5_000));
            assertThat(drain(source, 4_321, false)).isEqualTo(keys(4_322, 5_000));
            assertThat(drain(source, 5_000, true)).isEmpty();
        }
    }

    @Test
    void aRowTheReaderRefusesEndsTheTableAfterEveryRowBeforeIt() throws Exception {
        Path file = sqlite(dir.resolve("source.db"));
        try (Connection c = openSqlite(file);
                Statement s = c.createStatement()) {
            fill(c, 100, 50);
            s.execute("UPDATE events SET received_at = 'yesterday' WHERE id = 3000");
        }
        try (Database source = Database.open(Database.settingsOf(file.toString()), Role.SOURCE)) {
            List<Object> seen = drain(source, Long.MIN_VALUE, true);
            assertThat(seen.subList(0, 2_999)).isEqualTo(keys(1, 2_999));
            assertThat(seen).hasSize(3_000);
            assertThat((String) seen.get(2_999)).contains("table events, row 3000, column received_at");
        }
    }

    @Test
    void aCopyThatStopsEarlyStopsTheReader() throws Exception {
        Path file = sqlite(dir.resolve("source.db"));
        try (Connection c = openSqlite(file)) {
            fill(c, 100, 50);
        }
        try (Database source = Database.open(Database.settingsOf(file.toString()), Role.SOURCE)) {
            try (SourceReader reader = new SourceReader(source, EVENTS, Long.MIN_VALUE)) {
                assertThat(reader.next().size).isPositive(); // and not released: the reader fills up and waits
            }
            assertThat(drain(source, Long.MIN_VALUE, false))
                    .as("the source is free again")
                    .hasSize(5_000);
        }
        assertThatThrownBy(() -> SourceReader.rethrow(new java.sql.SQLException("x")))
                .isInstanceOf(java.sql.SQLException.class);
    }
}
