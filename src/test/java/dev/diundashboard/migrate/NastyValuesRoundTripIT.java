package dev.diundashboard.migrate;

import static dev.diundashboard.migrate.MigrateFixtures.createPostgresDatabase;
import static dev.diundashboard.migrate.MigrateFixtures.dropPostgresDatabase;
import static dev.diundashboard.migrate.MigrateFixtures.migrate;
import static dev.diundashboard.migrate.MigrateFixtures.openSqlite;
import static dev.diundashboard.migrate.MigrateFixtures.sqlite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.it.support.RequiresPostgres;
import dev.diundashboard.migrate.MigrateFixtures.Result;
import dev.diundashboard.migrate.Schema.Kind;
import dev.diundashboard.migrate.Schema.Table;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nasty-values corpus goes SQLite -> PostgreSQL -> SQLite and comes back without a difference. */
@RequiresPostgres
class NastyValuesRoundTripIT {

    static final String NFC = "caf\u00e9";
    static final String NFD = "cafe\u0301";
    static final String RTL = "\u202Eamd64/linux\u200F \u05e9\u05dc\u05d5\u05dd";
    static final String ZWJ_EMOJI = "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66";
    static final String QUOTES = "it's \"quoted\" `and` back\\slashed \\\\ C:\\path\\";
    static final String ESCAPES = "tab\there\nnewline\r\nCRLF \\. \\N";
    static final String BIG = "\u00e9\uD83D\uDE00x".repeat(50_000); // 200 KB of UTF-8, 3 encodings
    static final String PAYLOAD_AS_RECEIVED = "{ \"status\" : \"new\",\n  \"image\": \"docker.io/a/b:1\","
            + " \"created\": \"2024-02-03T10:22:15.123456789+01:00\", \"z\": 1.50, \"a\": [1e2, -0, 0.1,"
            + " 123456789012345678901234567890], \"esc\": \"\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\N \\n\","
            + " \"metadata\": {\"ctn_createdat\": \"2024-02-03 10:22:15 +0100 CET\", \"empty\": \"\", \"nul\": null}}";

    String postgres;

    @AfterEach
    void drop() throws SQLException {
        dropPostgresDatabase(postgres);
    }

    @Test
    void nastyCorpusSurvivesTheRoundTripWithoutADifference(@TempDir Path dir) throws Exception {
        Path original = sqlite(dir.resolve("original.db"));
        try (Connection c = openSqlite(original)) {
            corpus(c);
        }
        postgres = createPostgresDatabase();

        Result there = migrate("--from", original.toString(), "--to", postgres);
        assertThat(there.code()).as(there.all()).isZero();
        assertThat(there.out()).contains("result: identical");

        Path back = dir.resolve("back.db");
        Result home = migrate("--from", postgres, "--to", back.toString());
        assertThat(home.code()).as(home.all()).isZero();
        assertThat(home.out()).contains("result: identical");

        for (Table t : Schema.TABLES) {
            assertThat(rows(back, t)).as(t.name()).isEqualTo(rows(original, t));
        }
        assertThat(sequences(back)).isEqualTo(sequences(original));
        try (Connection pg = DriverManager.getConnection(postgres);
                Statement s = pg.createStatement();
                ResultSet rs = s.executeQuery("SELECT hostname, payload->>'created', payload->'metadata'->>'nul',"
                        + " length(u.digest) FROM updates u JOIN events e ON e.update_id = u.id WHERE u.id = 2")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("he" + "\u0301"); // NFD is not normalized
            assertThat(rs.getString(2)).isEqualTo("2024-02-03T10:22:15.123456789+01:00");
            assertThat(rs.getString(3)).isNull();
            assertThat(rs.getInt(4)).isEqualTo(BIG.codePointCount(0, BIG.length()));
        }
    }

    /**
     * Every row in key order, each value as the tool's test of sameness sees it: text byte for byte,
     * timestamps as canonical UTC microseconds, JSON by its canonical rendering.
     */
    static List<String> rows(Path file, Table t) throws Exception {
        List<String> rows = new ArrayList<>();
        JsonCanonicalForm json = new JsonCanonicalForm();
        try (Connection c = openSqlite(file);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT " + t.columnList() + " FROM " + t.name() + " ORDER BY " + t.key())) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 0; i < t.width(); i++) {
                    Kind kind = t.columns().get(i).kind();
                    Object v = rs.getObject(i + 1);
                    if (v == null) {
                        row.append("NULL|");
                    } else if (kind == Kind.TIMESTAMP) {
                        row.append(java.time.OffsetDateTime.parse(rs.getString(i + 1))
                                        .toInstant())
                                .append('|');
                    } else if (kind == Kind.JSON) {
                        ByteSink sink = new ByteSink(256);
                        json.render(rs.getBytes(i + 1), sink, false);
                        row.append(java.util.HexFormat.of().formatHex(sink.array(), 0, sink.size()))
                                .append('|');
                    } else {
                        row.append(v.getClass().getSimpleName())
                                .append(':')
                                .append(java.util.HexFormat.of().formatHex(rs.getBytes(i + 1)))
                                .append('|');
                    }
                }
                rows.add(row.toString());
            }
        }
        assertThat(rows).isNotEmpty();
        return rows;
    }

    static List<String> sequences(Path file) throws SQLException {
        List<String> seqs = new ArrayList<>();
        try (Connection c = openSqlite(file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name, seq FROM sqlite_sequence ORDER BY name")) {
            while (rs.next()) {
                seqs.add(rs.getString(1) + "=" + rs.getLong(2));
            }
        }
        return seqs;
    }

    static void corpus(Connection c) throws SQLException {
        try (PreparedStatement tag = c.prepareStatement("INSERT INTO tags (id, name, created_at) VALUES (?, ?, ?)")) {
            Object[][] tags = {
                {1, NFC, "2024-02-29T23:59:59.999999Z"},
                {2, NFD, "0001-01-01T00:00:00.000000Z"},
                {3, QUOTES, "9999-12-31T23:59:59.999999Z"},
                {4, "", "2024-05-01T12:00:00.5+02:00"}, // an offset, as a timestamp may arrive
                {5, "NULL", "2024-05-01T12:00:00.123456789+00:00".replace("789", "")},
                {9, "\\N", "1970-01-01T00:00:00.000000Z"},
                {10, ZWJ_EMOJI + RTL, "2024-05-01T00:00:00.000000-11:30"}
            };
            for (Object[] row : tags) {
                tag.setInt(1, (Integer) row[0]);
                tag.setString(2, (String) row[1]);
                tag.setString(3, (String) row[2]);
                tag.executeUpdate();
            }
        }
        try (PreparedStatement u = c.prepareStatement("INSERT INTO updates (id, hostname, image, status, provider,"
                + " hub_link, mime_type, digest, created, platform, metadata, diun_version, first_seen, last_seen,"
                + " seen_count, acknowledged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            update(
                    u,
                    1,
                    "h" + "\u00e9",
                    "NULL",
                    null,
                    "",
                    "\\N",
                    ESCAPES,
                    "2024-05-01T12:00:00.5+02:00",
                    RTL,
                    "{\"b\": {\"y\": [3, 2, 1], \"x\": true}, \"a\": \"\"}",
                    ZWJ_EMOJI,
                    Integer.MAX_VALUE,
                    null);
            update(
                    u,
                    2,
                    "he" + "\u0301",
                    "",
                    "docker",
                    null,
                    QUOTES,
                    BIG,
                    null,
                    "",
                    "null",
                    "",
                    0,
                    "2024-06-01T00:00:00.000001Z");
            update(u, 7, "NULL", "\\N", "", "", "", "", "2024-02-03T10:22:15.123456+01:00", null, null, null, -1, null);
            update(
                    u,
                    8,
                    "quote'host",
                    "i\"m",
                    "\\",
                    "\\\\",
                    "\t",
                    "\n",
                    null,
                    BIG,
                    "[1, \"two\", 3.0]",
                    "4.28.0",
                    Integer.MIN_VALUE,
                    "2024-06-01T00:00:00.000000Z");
        }
        try (PreparedStatement r = c.prepareStatement("INSERT INTO ignore_rules (id, image, host, stack, version_class,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            Object[][] rules = {
                {4, ESCAPES, null, null, null, "2024-05-01T12:00:00.5+02:00"},
                {6, null, QUOTES, ZWJ_EMOJI + RTL, "patch", "0001-01-01T00:00:00.000000Z"},
                {11, "**", "\\N", "", "digest", "9999-12-31T23:59:59.999999Z"}
            };
            for (Object[] rule : rules) {
                r.setInt(1, (Integer) rule[0]);
                for (int i = 1; i < 6; i++) {
                    r.setString(i + 1, (String) rule[i]);
                }
                r.executeUpdate();
            }
        }
        try (PreparedStatement ignore = c.prepareStatement("UPDATE updates SET ignored_by = ? WHERE id = ?")) {
            ignore.setInt(1, 6);
            ignore.setInt(2, 1);
            assertThat(ignore.executeUpdate()).isEqualTo(1);
            ignore.setInt(1, 11);
            ignore.setInt(2, 8);
            assertThat(ignore.executeUpdate()).isEqualTo(1);
        }
        try (PreparedStatement v = c.prepareStatement("UPDATE updates SET previous_digest = ?, previous_seen_at = ?,"
                + " version_from = ?, version_class = ? WHERE id = ?")) {
            Object[][] jumps = {
                {ESCAPES, "2024-05-01T12:00:00.5+02:00", ZWJ_EMOJI + RTL, "patch", 1},
                {BIG, "0001-01-01T00:00:00.000000Z", QUOTES, "digest", 2},
                {"", "9999-12-31T23:59:59.999999Z", "\\N", "other", 8}
            };
            for (Object[] jump : jumps) {
                for (int i = 0; i < 4; i++) {
                    v.setString(i + 1, (String) jump[i]);
                }
                v.setInt(5, (Integer) jump[4]);
                assertThat(v.executeUpdate()).isEqualTo(1);
            }
        }
        try (PreparedStatement l = c.prepareStatement(
                        "INSERT INTO link_templates (id, image, template, created_at) VALUES (?, ?, ?, ?)");
                PreparedStatement a = c.prepareStatement(
                        "INSERT INTO host_aliases (id, hostname, alias, updated_at) VALUES (?, ?, ?, ?)");
                PreparedStatement u =
                        c.prepareStatement("UPDATE updates SET release_notes_url = ?, host_alias = ? WHERE id = ?")) {
            l.setInt(1, 2);
            l.setString(2, ZWJ_EMOJI + "/**");
            l.setString(3, "https://example.com/{repo}/" + QUOTES);
            l.setString(4, "2024-05-01T12:00:00.5+02:00");
            l.executeUpdate();
            a.setInt(1, 5);
            a.setString(2, "quote'host");
            a.setString(3, RTL + ESCAPES);
            a.setString(4, "9999-12-31T23:59:59.999999Z");
            a.executeUpdate();
            u.setString(1, "https://example.com/" + NFD);
            u.setString(2, RTL + ESCAPES);
            u.setInt(3, 8);
            assertThat(u.executeUpdate()).isEqualTo(1);
        }
        try (PreparedStatement ch = c.prepareStatement("INSERT INTO channels (id, name, type, mode, window_seconds,"
                        + " schedule, filter, config, created_at, next_digest_at) VALUES (?, ?, 'ntfy', 'digest', 60, ?, ?, ?,"
                        + " ?, ?)");
                PreparedStatement o = c.prepareStatement("INSERT INTO outbox (id, channel_id, kind, state, update_id,"
                        + " hostname, window_start, created_at, due_at, attempts, claimed_until, last_attempt_at,"
                        + " last_answer, sent_at) VALUES (?, ?, 'run', 'failed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ch.setInt(1, 3);
            ch.setString(2, ZWJ_EMOJI + QUOTES);
            ch.setString(3, "{\"every\": \"day\", \"at\": \"08:00\", \"zone\": \"Europe/Berlin\"}");
            ch.setString(4, "{\"host\": \"" + ESCAPES.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
            ch.setString(
                    5,
                    "{\"url\": \"https://ntfy.example.com\", \"topic\": \"t\", \"token\": \"tk_secret_" + NFD + "\"}");
            ch.setString(6, "2024-05-01T12:00:00.5+02:00");
            ch.setString(7, "9999-12-31T23:59:59.999999Z");
            ch.executeUpdate();
            o.setInt(1, 9);
            o.setInt(2, 3);
            o.setInt(3, 8);
            o.setString(4, "quote'host");
            o.setString(5, "0001-01-01T00:00:00.000000Z");
            o.setString(6, "2024-06-01T00:00:00.000001Z");
            o.setString(7, "2024-06-01T00:00:00.999999Z");
            o.setInt(8, Integer.MAX_VALUE);
            o.setString(9, null);
            o.setString(10, "2024-06-01T00:00:01.000000Z");
            o.setString(11, "503 " + BIG);
            o.setString(12, null);
            o.executeUpdate();
        }
        try (PreparedStatement digest = c.prepareStatement("UPDATE updates SET digest_since = ? WHERE id = 2")) {
            digest.setString(1, "2024-06-01T00:00:00.999999Z");
            assertThat(digest.executeUpdate()).isEqualTo(1);
        }
        try (PreparedStatement e = c.prepareStatement("INSERT INTO events (id, update_id, received_at, status, digest,"
                + " payload) VALUES (?, ?, ?, ?, ?, ?)")) {
            event(e, 1, 1, "2024-06-01T00:00:00.000001Z", "new", "sha256:1", PAYLOAD_AS_RECEIVED);
            event(
                    e,
                    2,
                    2,
                    "2024-06-01T00:00:00.999999Z",
                    null,
                    null,
                    "{\"big\": \"" + BIG + "\", \"created\": \"2024-02-03T10:22:15.123456789+01:00\"}");
            event(e, 5, 2, "2024-06-01T00:00:01.000000Z", "", "", "\"just a string\"");
            event(e, 6, 7, "2024-06-01T00:00:02.000000Z", "NULL", "\\N", "[]");
            event(
                    e,
                    9,
                    8,
                    "2024-06-01T00:00:03.000000Z",
                    ZWJ_EMOJI,
                    NFD,
                    "{\"" + NFD + "\": \"" + NFC + "\", \"" + NFC + "\": \"" + NFD + "\", \"n\": -0.0, \"e\": 1E+2}");
        }
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO tag_assignments (update_id, tag_id) VALUES (1, 1), (2, 2), (8, 10)");
            s.execute("INSERT INTO webhook_tokens (id, name, token_hash, created_at, expires_at, last_used_at,"
                    + " revoked_at) VALUES (3, '" + ZWJ_EMOJI + "', 'sha256:abc', '2024-01-01T00:00:00.000000Z',"
                    + " NULL, '2024-01-01T00:00:00.000001Z', '2024-01-01T00:00:00.000010+00:00')");
            s.execute("INSERT INTO feed_tokens (id, name, token_hash, created_at) VALUES (5, '" + NFD
                    + "', 'sha256:feed', '2024-01-01T00:00:00.000000Z')");
            s.execute("INSERT INTO api_tokens (id, name, token_hash, scope, created_at, expires_at) VALUES (9, '" + NFC
                    + "', 'sha256:api', 'write', '2024-01-01T00:00:00.000000Z', '2030-01-01T00:00:00.5Z')");
            s.execute("INSERT INTO audit_log (id, at, actor, role, action, target, details) VALUES"
                    + " (41, '2024-01-01T00:00:00.000000Z', 'script (API token)', 'operator', 'update.acknowledge',"
                    + " 'update 1', NULL)");
            s.execute("INSERT INTO audit_log (id, at, actor, action, target, details) VALUES"
                    + " (1, '2024-01-01T00:00:00.000000Z', 'admin', 'acknowledge', NULL, NULL),"
                    + " (2, '2024-01-01T00:00:00.000000Z', '', 'tag.assign', '', 'null'),"
                    + " (40, '2024-01-01T00:00:00.000000Z', 'NULL', '\\N', 'x', '{\"ids\": [1, 2], \"count\": 2}')");
            // Ids handed out and deleted: the identities must continue above them.
            s.execute("UPDATE sqlite_sequence SET seq = seq + 100");
        }
    }

    private static void update(
            PreparedStatement u,
            int id,
            String hostname,
            String image,
            String provider,
            String hubLink,
            String mimeType,
            String digest,
            String created,
            String platform,
            String metadata,
            String diunVersion,
            int seenCount,
            String acknowledgedAt)
            throws SQLException {
        u.setInt(1, id);
        u.setString(2, hostname);
        u.setString(3, image);
        u.setString(4, "update");
        u.setString(5, provider);
        u.setString(6, hubLink);
        u.setString(7, mimeType);
        u.setString(8, digest);
        u.setString(9, created);
        u.setString(10, platform);
        u.setString(11, metadata);
        u.setString(12, diunVersion);
        u.setString(13, "2024-01-01T00:00:00.000000Z");
        u.setString(14, "2024-01-02T00:00:00.000000Z");
        u.setInt(15, seenCount);
        u.setString(16, acknowledgedAt);
        u.executeUpdate();
    }

    private static void event(
            PreparedStatement e, int id, int updateId, String at, String status, String digest, String payload)
            throws SQLException {
        e.setInt(1, id);
        e.setInt(2, updateId);
        e.setString(3, at);
        e.setString(4, status);
        e.setString(5, digest);
        e.setString(6, payload);
        e.executeUpdate();
    }
}
