package dev.diundashboard.updates;

import dev.diundashboard.platform.CanonicalJson;
import dev.diundashboard.updates.VersionJumps.Jump;
import dev.diundashboard.updates.VersionJumps.Member;
import dev.diundashboard.versions.LinkTemplate;
import dev.diundashboard.versions.TagVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps what the application derives and stores for each update true: its version jump ({@code
 * version_from}, {@code version_class}, see {@link VersionJumps}), its stack (from its metadata, see
 * {@link StackKeys}), the ignore rule that matches it ({@code ignored_by}, see {@link IgnoreRules}),
 * its release-notes link ({@code release_notes_url}, see {@link ReleaseNotesLinks}) and its host's
 * alias ({@code host_alias}, from {@code host_aliases}). Over JDBC in the caller's transaction: after each batch of webhooks, after a
 * delete, when rules change, and for every update when the application starts (so a changed {@code
 * STACK_KEYS} or a better tag parser reaches what is stored). Rows are updated in id order, so that
 * instances sharing a PostgreSQL database lock them in one order.
 */
public final class Classification {

    private static final String COLUMNS =
            "id, hostname, image, hub_link, previous_digest, version_from, version_class, stack, ignored_by,"
                    + " release_notes_url, host_alias";

    /** The members of one repository on one host: the name itself, or the name followed by a tag. */
    private static final String GROUP =
            "SELECT " + COLUMNS + " FROM updates" + " WHERE hostname = ? AND (image = ? OR (image >= ? AND image < ?))";

    private static final String ALL = "SELECT " + COLUMNS + ", metadata FROM updates";

    /**
     * One statement for all changed rows (every statement moves the data version once on PostgreSQL);
     * {@code VALUES} columns are named column1, column2, ... on both databases.
     */
    private static final String SET_ROWS = "UPDATE updates SET version_from = v.column2, version_class = v.column3,"
            + " stack = v.column4, ignored_by = v.column5, release_notes_url = v.column6, host_alias = v.column7"
            + " FROM (VALUES %s) AS v WHERE updates.id = v.column1";

    private static final String SET_ROW = "(CAST(? AS bigint), ?, ?, ?, CAST(? AS bigint), ?, ?)";

    /** Rows per statement: 7 parameters each, far below either database's limit. */
    private static final int ROWS_PER_STATEMENT = 500;

    /** What is derived and stored for one update. */
    record Derived(
            String versionFrom,
            String versionClass,
            String stack,
            Long ignoredBy,
            String releaseNotesUrl,
            String hostAlias) {}

    /** What the operators configured: ignore rules, release-notes templates and host aliases. */
    private record Settings(List<IgnoreRules.Rule> rules, List<LinkTemplate> links, Map<String, String> aliases) {

        static Settings load(Connection connection) throws SQLException {
            Map<String, String> aliases = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT hostname, alias FROM host_aliases");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    aliases.put(rs.getString(1), rs.getString(2));
                }
            }
            return new Settings(IgnoreRules.load(connection), ReleaseNotesLinks.load(connection), aliases);
        }
    }

    /** One update: what its derived values come from, and the values as stored. */
    private record Row(
            long id,
            String hostname,
            String image,
            String hubLink,
            String previousDigest,
            String stack,
            Derived stored) {

        List<String> group() {
            return List.of(hostname, VersionJumps.repositoryOf(image));
        }
    }

    private Classification() {}

    /**
     * Classifies the given stored updates (and the repositories their version tags belong to) again
     * and returns the updates as they are now. A tag that is not a version depends on its own digest
     * only; a version tag is weighed against its repository on its host, whose other members may
     * change with it.
     */
    public static UpdateView[] refresh(Connection connection, UpdateView[] stored, StackKeys stacks)
            throws SQLException {
        Map<Long, Row> rows = new LinkedHashMap<>();
        Set<List<String>> groups = new LinkedHashSet<>();
        for (UpdateView view : stored) {
            Row row = new Row(
                    view.id(),
                    view.hostname(),
                    view.image(),
                    view.hubLink(),
                    view.previousDigest(),
                    stacks.stackOf(view.metadata()),
                    new Derived(
                            view.versionFrom(),
                            view.versionClass(),
                            view.stack(),
                            view.ignoredBy(),
                            view.releaseNotesUrl(),
                            view.hostAlias()));
            rows.put(view.id(), row); // a later occurrence in the batch is the later state
            if (TagVersion.parse(VersionJumps.tagOf(view.image())).isVersion()) {
                groups.add(row.group());
            }
        }
        readGroups(connection, groups, rows);
        Map<Long, Derived> now = derive(rows, Settings.load(connection));
        store(connection, rows, now);
        UpdateView[] result = new UpdateView[stored.length];
        for (int i = 0; i < stored.length; i++) {
            result[i] = stored[i].withDerived(now.get(stored[i].id()));
        }
        return result;
    }

    /** Classifies every stored update again; returns how many changed. */
    public static int refreshAll(Connection connection, StackKeys stacks) throws SQLException {
        Map<Long, Row> rows = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(ALL);
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Row stored = row(rs);
                String stack = stacks.stackOf(CanonicalJson.parse(rs.getString("metadata")));
                rows.put(
                        stored.id(),
                        new Row(
                                stored.id(),
                                stored.hostname(),
                                stored.image(),
                                stored.hubLink(),
                                stored.previousDigest(),
                                stack,
                                stored.stored()));
            }
        }
        return store(connection, rows, derive(rows, Settings.load(connection)));
    }

    /** Reclassifies the repository of one (host, image), for example after one of its updates went away. */
    public static void refresh(Connection connection, String hostname, String image) throws SQLException {
        Map<Long, Row> rows = new LinkedHashMap<>();
        readGroups(connection, Set.of(List.of(hostname, VersionJumps.repositoryOf(image))), rows);
        store(connection, rows, derive(rows, Settings.load(connection)));
    }

    /** Adds every member of the given (hostname, repository) groups that is not among the rows yet. */
    private static void readGroups(Connection connection, Set<List<String>> groups, Map<Long, Row> rows)
            throws SQLException {
        if (groups.isEmpty()) {
            return;
        }
        try (PreparedStatement select = connection.prepareStatement(GROUP)) {
            for (List<String> group : groups) {
                String repository = group.get(1);
                select.setString(1, group.get(0));
                select.setString(2, repository);
                select.setString(3, repository + ":");
                select.setString(4, repository + ";"); // ';' follows ':' in byte order
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Row row = row(rs);
                        rows.putIfAbsent(row.id(), row);
                    }
                }
            }
        }
    }

    /** A stored row, its stack as stored. */
    private static Row row(ResultSet rs) throws SQLException {
        long ignoredBy = rs.getLong("ignored_by");
        Long rule = rs.wasNull() ? null : ignoredBy; // before the next column is read
        Derived stored = new Derived(
                rs.getString("version_from"),
                rs.getString("version_class"),
                rs.getString("stack"),
                rule,
                rs.getString("release_notes_url"),
                rs.getString("host_alias"));
        return new Row(
                rs.getLong("id"),
                rs.getString("hostname"),
                rs.getString("image"),
                rs.getString("hub_link"),
                rs.getString("previous_digest"),
                stored.stack(),
                stored);
    }

    private static Map<Long, Derived> derive(Map<Long, Row> rows, Settings settings) {
        Map<List<String>, List<Member>> groups = new HashMap<>();
        for (Row row : rows.values()) {
            groups.computeIfAbsent(row.group(), k -> new ArrayList<>())
                    .add(new Member(row.id(), row.image(), row.previousDigest()));
        }
        Map<Long, Jump> jumps = new HashMap<>();
        groups.values().forEach(members -> jumps.putAll(VersionJumps.classify(members)));
        Map<Long, Derived> derived = new HashMap<>();
        for (Row row : rows.values()) {
            Jump jump = jumps.get(row.id());
            Long ignoredBy = IgnoreRules.firstMatch(
                    settings.rules(), row.hostname(), row.image(), row.stack(), jump.versionClass());
            derived.put(
                    row.id(),
                    new Derived(
                            jump.from(),
                            jump.versionClass(),
                            row.stack(),
                            ignoredBy,
                            ReleaseNotesLinks.of(settings.links(), row.image(), row.hubLink()),
                            settings.aliases().get(row.hostname())));
        }
        return derived;
    }

    /** Writes the rows whose derived values changed, in id order; returns how many. */
    private static int store(Connection connection, Map<Long, Row> rows, Map<Long, Derived> now) throws SQLException {
        Map<Long, Derived> changed = new TreeMap<>();
        for (Row row : rows.values()) {
            Derived derived = now.get(row.id());
            if (!derived.equals(row.stored())) {
                changed.put(row.id(), derived);
            }
        }
        List<Map.Entry<Long, Derived>> all = new ArrayList<>(changed.entrySet());
        for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
            List<Map.Entry<Long, Derived>> chunk = all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT));
            String sql = SET_ROWS.formatted(String.join(", ", Collections.nCopies(chunk.size(), SET_ROW)));
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                int i = 1;
                for (Map.Entry<Long, Derived> entry : chunk) {
                    Derived d = entry.getValue();
                    update.setLong(i++, entry.getKey());
                    update.setString(i++, d.versionFrom());
                    update.setString(i++, d.versionClass());
                    update.setString(i++, d.stack());
                    if (d.ignoredBy() == null) {
                        update.setNull(i++, Types.BIGINT);
                    } else {
                        update.setLong(i++, d.ignoredBy());
                    }
                    update.setString(i++, d.releaseNotesUrl());
                    update.setString(i++, d.hostAlias());
                }
                update.executeUpdate();
            }
        }
        return changed.size();
    }
}
