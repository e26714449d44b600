package dev.diundashboard.updates;

import dev.diundashboard.updates.VersionJumps.Jump;
import dev.diundashboard.updates.VersionJumps.Member;
import dev.diundashboard.versions.TagVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Keeps the stored version jump ({@code version_from}, {@code version_class}) of updates true, over
 * JDBC in the caller's transaction: after each batch of webhooks, after a delete, and for every
 * update when the application starts. Rows are updated in id order, so that instances sharing a
 * PostgreSQL database lock them in one order.
 */
public final class StoredVersionJumps {

    /** The members of one repository on one host: the name itself, or the name followed by a tag. */
    private static final String GROUP = "SELECT id, image, previous_digest, version_from, version_class FROM updates"
            + " WHERE hostname = ? AND (image = ? OR (image >= ? AND image < ?))";

    private static final String ALL =
            "SELECT id, hostname, image, previous_digest, version_from, version_class FROM updates";

    private static final String SET = "UPDATE updates SET version_from = ?, version_class = ? WHERE id = ?";

    private StoredVersionJumps() {}

    /**
     * Classifies the repositories of the given stored updates again and returns the updates with their
     * jumps as they are now. A tag that is not a version depends on its own digest only; a version
     * tag is weighed against its repository on its host, whose other members may change with it.
     */
    public static UpdateView[] refresh(Connection connection, UpdateView[] stored) throws SQLException {
        Map<Long, Jump> now = new HashMap<>();
        Map<Long, Jump> was = new HashMap<>();
        Map<List<String>, Boolean> groups = new LinkedHashMap<>(); // (hostname, repository), in order
        for (UpdateView view : stored) {
            if (TagVersion.parse(VersionJumps.tagOf(view.image())).isVersion()) {
                groups.put(List.of(view.hostname(), VersionJumps.repositoryOf(view.image())), true);
            } else {
                was.put(view.id(), new Jump(view.versionFrom(), view.versionClass()));
                now.put(view.id(), VersionJumps.classify(List.of(member(view))).get(view.id()));
            }
        }
        readGroups(connection, groups.keySet(), was, now);
        store(connection, was, now);
        UpdateView[] result = new UpdateView[stored.length];
        for (int i = 0; i < stored.length; i++) {
            Jump jump = now.get(stored[i].id());
            result[i] = jump == null ? stored[i] : stored[i].withVersion(jump.from(), jump.versionClass());
        }
        return result;
    }

    /** Classifies every stored update again; returns how many changed. */
    public static int refreshAll(Connection connection) throws SQLException {
        Map<List<String>, List<Member>> groups = new HashMap<>();
        Map<Long, Jump> was = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(ALL);
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String image = rs.getString(3);
                groups.computeIfAbsent(
                                List.of(rs.getString(2), VersionJumps.repositoryOf(image)), k -> new ArrayList<>())
                        .add(new Member(rs.getLong(1), image, rs.getString(4)));
                was.put(rs.getLong(1), new Jump(rs.getString(5), rs.getString(6)));
            }
        }
        Map<Long, Jump> now = new HashMap<>();
        groups.values().forEach(members -> now.putAll(VersionJumps.classify(members)));
        return store(connection, was, now);
    }

    /** Reclassifies the repository of one (host, image), for example after one of its updates went away. */
    public static void refresh(Connection connection, String hostname, String image) throws SQLException {
        Map<Long, Jump> was = new HashMap<>();
        Map<Long, Jump> now = new HashMap<>();
        readGroups(connection, List.of(List.of(hostname, VersionJumps.repositoryOf(image))), was, now);
        store(connection, was, now);
    }

    /** Reads each (hostname, repository) group: its stored jumps into {@code was}, new ones into {@code now}. */
    private static void readGroups(
            Connection connection, Collection<List<String>> groups, Map<Long, Jump> was, Map<Long, Jump> now)
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
                List<Member> members = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        members.add(new Member(rs.getLong(1), rs.getString(2), rs.getString(3)));
                        was.put(rs.getLong(1), new Jump(rs.getString(4), rs.getString(5)));
                    }
                }
                now.putAll(VersionJumps.classify(members));
            }
        }
    }

    private static Member member(UpdateView view) {
        return new Member(view.id(), view.image(), view.previousDigest());
    }

    private static int store(Connection connection, Map<Long, Jump> was, Map<Long, Jump> now) throws SQLException {
        Map<Long, Jump> changed = new TreeMap<>();
        now.forEach((id, jump) -> {
            if (!Objects.equals(was.get(id), jump)) {
                changed.put(id, jump);
            }
        });
        if (changed.isEmpty()) {
            return 0;
        }
        try (PreparedStatement update = connection.prepareStatement(SET)) {
            for (Map.Entry<Long, Jump> entry : changed.entrySet()) {
                update.setString(1, entry.getValue().from());
                update.setString(2, entry.getValue().versionClass());
                update.setLong(3, entry.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
        return changed.size();
    }
}
