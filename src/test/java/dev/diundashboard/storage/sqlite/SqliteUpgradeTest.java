package dev.diundashboard.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.storage.Backend;
import dev.diundashboard.storage.SchemaMigrator;
import dev.diundashboard.storage.SchemaStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * Upgrades keep data: the V1 fixture ({@code upgrade/v1-fixture.sql}) is upgraded to the latest
 * schema the way {@link SchemaMigrator} does it, and every V1 row and value is still there. When a
 * migration is pending, the file is first backed up beside itself with the V1 data.
 */
class SqliteUpgradeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void v1DatabaseUpgradesToTheLatestSchemaWithoutLosingARow() throws Exception {
        Path file = v1Fixture();
        Map<String, List<Map<String, Object>>> before = contents(file);

        Flyway flyway = flyway(file, "classpath:db/migration/sqlite");
        boolean pending = flyway.info().pending().length > 0;
        Optional<Path> backup = upgrade(flyway, file);

        assertThat(v1Columns(contents(file, before.keySet()), before)).isEqualTo(before);
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(backup.isPresent()).isEqualTo(pending);
        if (backup.isPresent()) {
            assertThat(contents(backup.get())).isEqualTo(before);
        }
    }

    @Test
    void pendingMigrationBacksTheFileUpBesideItselfFirst() throws Exception {
        Path file = v1Fixture();
        Map<String, List<Map<String, Object>>> before = contents(file);

        Optional<Path> backup =
                upgrade(flyway(file, "classpath:db/migration/sqlite", "classpath:db/upgrade-probe"), file);

        assertThat(backup).contains(dir.resolve("diun.db.bak-1-20250102T030405Z"));
        assertThat(contents(backup.get())).isEqualTo(before);
        assertThat(schemaVersion(backup.get())).isEqualTo("1");
        assertThat(schemaVersion(file)).isEqualTo("9999");
        assertThat(v1Columns(contents(file, before.keySet()), before)).isEqualTo(before);
    }

    @Test
    void newDatabaseIsNotBackedUp() {
        Path file = dir.resolve("new.db");

        assertThat(upgrade(flyway(file, "classpath:db/migration/sqlite"), file)).isEmpty();
        try (Stream<Path> files = list()) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".bak-"));
        }
    }

    @Test
    void upToDateDatabaseIsNotBackedUpAgain() throws Exception {
        Path file = v1Fixture();
        upgrade(flyway(file, "classpath:db/migration/sqlite"), file);

        assertThat(upgrade(flyway(file, "classpath:db/migration/sqlite"), file)).isEmpty();
    }

    @Test
    void backupIsCheckedWithQuickCheckOnTheCopyOpenedReadOnly() throws Exception {
        Path good = v1Fixture();
        assertThat(SqliteUpgradeBackup.quickCheck(good)).isEqualTo("ok");

        Path bad = dir.resolve("damaged.db");
        Files.copy(good, bad);
        corruptSecondPage(bad);
        String before = sha256(bad);

        assertThat(SqliteUpgradeBackup.quickCheck(bad)).isNotEqualTo("ok");
        assertThat(sha256(bad)).as("read-only: the check writes nothing").isEqualTo(before);
    }

    @Test
    void noRoomForTheBackupRefusesTheUpgradeAndLeavesTheFileAsItWas() throws Exception {
        Path file = v1Fixture();
        String before = sha256(file);
        SchemaStatus status = new SchemaStatus();

        SchemaMigrator.upgrade(
                flyway(file, "classpath:db/migration/sqlite", "classpath:db/upgrade-probe"),
                dataSource(file),
                Backend.SQLITE,
                status,
                folder -> 4096, // what the file system reports; the real one is reached below on a tmpfs
                CLOCK);

        assertThat(status.refusal())
                .contains("not upgrading " + file + " from schema version 1 to 9999")
                .contains("no room for its backup")
                .contains("0.0 MiB free");
        assertThat(sha256(file)).isEqualTo(before);
        assertThat(schemaVersion(file)).isEqualTo("1");
        assertThat(backups(dir)).isEmpty();
    }

    @Test
    void smallFileSystemIsRefusedByTheRealFreeSpaceCheck() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(dir.resolve("small"), 6L << 20)) {
            Path file = bigV1FixtureIn(fs.root);
            fs.fillLeaving(1L << 20); // the file is ~2 MiB: room for neither it nor the margin
            String before = sha256(file);
            SchemaStatus status = new SchemaStatus();

            SchemaMigrator.upgrade(
                    flyway(file, "classpath:db/migration/sqlite", "classpath:db/upgrade-probe"),
                    dataSource(file),
                    Backend.SQLITE,
                    status,
                    SqliteUpgradeBackup.DISK,
                    CLOCK);

            assertThat(status.refusal()).contains("no room for its backup").contains("needed");
            assertThat(sha256(file)).isEqualTo(before);
            assertThat(schemaVersion(file)).isEqualTo("1");
            assertThat(backups(fs.root)).isEmpty();
        }
    }

    @Test
    void fileSystemFullDuringTheCopyRemovesThePartialBackupAndRefuses() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(dir.resolve("full"), 6L << 20)) {
            Path file = bigV1FixtureIn(fs.root);
            fs.fillLeaving(512 << 10);
            String before = sha256(file);
            long freeBefore = fs.free();
            SchemaStatus status = new SchemaStatus();

            SchemaMigrator.upgrade(
                    flyway(file, "classpath:db/migration/sqlite", "classpath:db/upgrade-probe"),
                    dataSource(file),
                    Backend.SQLITE,
                    status,
                    folder -> Long.MAX_VALUE, // past the check before copying: VACUUM INTO itself runs out
                    CLOCK);

            assertThat(status.refusal()).contains("not upgrading").contains("no room for its backup");
            assertThat(sha256(file)).isEqualTo(before);
            assertThat(schemaVersion(file)).isEqualTo("1");
            assertThat(backups(fs.root)).as("the partial backup is removed").isEmpty();
            assertThat(fs.free()).isEqualTo(freeBefore);
        }
    }

    @Test
    void upgradeWithRoomStillBacksUpAndMigrates() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(dir.resolve("roomy"), 8L << 20)) {
            Path file = bigV1FixtureIn(fs.root);
            SchemaStatus status = new SchemaStatus();

            SchemaMigrator.upgrade(
                    flyway(file, "classpath:db/migration/sqlite", "classpath:db/upgrade-probe"),
                    dataSource(file),
                    Backend.SQLITE,
                    status,
                    SqliteUpgradeBackup.DISK,
                    CLOCK);

            assertThat(status.refusal()).isNull();
            assertThat(schemaVersion(file)).isEqualTo("9999");
            assertThat(backups(fs.root)).containsExactly("diun.db.bak-1-20250102T030405Z");
            assertThat(SqliteUpgradeBackup.quickCheck(fs.root.resolve("diun.db.bak-1-20250102T030405Z")))
                    .isEqualTo("ok");
        }
    }

    /** The V1 fixture grown to about 2 MiB with events, in {@code folder}. */
    private Path bigV1FixtureIn(Path folder) throws Exception {
        Path file = v1Fixture();
        try (Connection c = dataSource(file).getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("WITH RECURSIVE n(i) AS (SELECT 100 UNION ALL SELECT i + 1 FROM n WHERE i < 2100)"
                    + " INSERT INTO events (id, update_id, received_at, status, digest, payload)"
                    + " SELECT i, 1, '2024-03-01T00:00:00.000000Z', 'update', 'sha256:' || i,"
                    + " json_object('pad', hex(randomblob(500))) FROM n");
        }
        Path moved = folder.resolve("diun.db");
        Files.copy(file, moved);
        Files.delete(file);
        assertThat(Files.size(moved)).isBetween(1L << 20, 4L << 20);
        return moved;
    }

    private static void corruptSecondPage(Path file) throws Exception {
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            int pageSize = 4096;
            channel.write(java.nio.ByteBuffer.wrap(new byte[pageSize / 2]), pageSize + 8);
        }
    }

    private static List<String> backups(Path folder) throws java.io.IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.contains(".bak-"))
                    .sorted()
                    .toList();
        }
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /**
     * The rows reduced to the columns they had at V1. A later migration that drops or renames one of
     * those columns makes the comparison fail on purpose: it must show where the data went.
     */
    private static Map<String, List<Map<String, Object>>> v1Columns(
            Map<String, List<Map<String, Object>>> after, Map<String, List<Map<String, Object>>> v1) {
        Map<String, List<Map<String, Object>>> reduced = new LinkedHashMap<>();
        after.forEach((table, rows) -> {
            List<String> columns = List.copyOf(v1.get(table).get(0).keySet());
            List<Map<String, Object>> kept = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                Map<String, Object> r = new LinkedHashMap<>();
                columns.forEach(col -> r.put(col, row.getOrDefault(col, "<column " + col + " is gone>")));
                kept.add(r);
            }
            reduced.put(table, kept);
        });
        return reduced;
    }

    /** What {@link SchemaMigrator} does on SQLite: back up if needed, then migrate. */
    private static Optional<Path> upgrade(Flyway flyway, Path file) {
        Optional<Path> backup = SqliteUpgradeBackup.beforeMigrating(flyway, dataSource(file), CLOCK);
        flyway.migrate();
        return backup;
    }

    private Path v1Fixture() throws Exception {
        Path file = dir.resolve("diun.db");
        Flyway.configure()
                .dataSource(dataSource(file))
                .locations("classpath:db/migration/sqlite")
                .target("1")
                .load()
                .migrate();
        String sql = Files.readString(
                Path.of(getClass().getResource("/upgrade/v1-fixture.sql").toURI()));
        try (Connection c = dataSource(file).getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
        return file;
    }

    private static Flyway flyway(Path file, String... locations) {
        return Flyway.configure()
                .dataSource(dataSource(file))
                .locations(locations)
                .load();
    }

    private static SQLiteDataSource dataSource(Path file) {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    private Stream<Path> list() {
        try {
            return Files.list(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String schemaVersion(Path file) throws SQLException {
        try (Connection c = dataSource(file).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Every row of every data table (and sqlite_sequence), with every column, in rowid order. */
    private static Map<String, List<Map<String, Object>>> contents(Path file) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = dataSource(file).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                        + " AND name NOT LIKE 'flyway%' ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        Map<String, List<Map<String, Object>>> all = contents(file, tables);
        all.values().removeIf(List::isEmpty);
        return all;
    }

    /** The given tables' rows, every column, in rowid order. */
    private static Map<String, List<Map<String, Object>>> contents(Path file, Iterable<String> tables)
            throws SQLException {
        Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>();
        try (Connection c = dataSource(file).getConnection();
                Statement s = c.createStatement()) {
            for (String table : tables) {
                List<Map<String, Object>> rows = new ArrayList<>();
                String order = table.equals("sqlite_sequence") ? "name" : "rowid";
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY " + order)) {
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                        }
                        rows.add(row);
                    }
                }
                all.put(table, rows);
            }
        }
        return all;
    }
}
