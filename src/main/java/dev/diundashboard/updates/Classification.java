package dev.diundashboard.updates;

import dev.diundashboard.platform.CanonicalJson;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps what the application derives and stores for each update true: its version jump ({@code
 * version_from}, {@code version_class}, see {@link VersionJumps}) and its stack (from its metadata,
 * see {@link StackKeys}). Over JDBC in the caller's transaction: after each batch of webhooks, after a
 * delete, and for every update when the application starts (so a changed {@code STACK_KEYS} or a
 * better tag parser reaches what is stored). Rows are updated in id order, so that instances sharing
 * a PostgreSQL database lock them in one order.
 */
public final class Classification {

    /** The members of one repository on one host: the name itself, or the name followed by a tag. */
    private static final String GROUP = "SELECT id, image, previous_digest, version_from, version_class FROM updates"
            + " WHERE hostname = ? AND (image = ? OR (image >= ? AND image < ?))";

    private static final String ALL =
            "SELECT id, hostname, image, previous_digest, version_from, version_class, metadata, stack FROM updates";

    private static final String SET = "UPDATE updates SET version_from = ?, version_class = ? WHERE id = ?";

    private static final String SET_STACK = "UPDATE updates SET stack = ? WHERE id = ?";

    private Classification() {}

    /**
     * Classifies the repositories of the given stored updates again and returns the updates with their
     * jumps as they are now. A tag that is not a version depends on its own digest only; a version
     * tag is weighed against its repository on its host, whose other members may change with it.
     */
    public static UpdateView[] refresh(Connection connection, UpdateView[] stored, StackKeys stacks)
            throws SQLException {
        Map<Long, String> newStacks = new TreeMap<>();
        for (UpdateView view : stored) {
            String stack = stacks.stackOf(view.metadata());
            if (!Objects.equals(stack, view.stack())) {
                newStacks.put(view.id(), stack);
            }
        }
        storeStacks(connection, newStacks);
        Map<Long, Jump> now = new HashMap<>();
        Map<Long, Jump> was = new HashMap<>();
        Set<List<String>> groups = new LinkedHashSet<>(); // (hostname, repository), in order
        for (UpdateView view : stored) {
            if (TagVersion.parse(VersionJumps.tagOf(view.image())).isVersion()) {
                groups.add(List.of(view.hostname(), VersionJumps.repositoryOf(view.image())));
            } else {
                was.put(view.id(), new Jump(view.versionFrom(), view.versionClass()));
                now.put(view.id(), VersionJumps.classify(List.of(member(view))).get(view.id()));
            }
        }
        readGroups(connection, groups, was, now);
        store(connection, was, now);
        UpdateView[] result = new UpdateView[stored.length];
        for (int i = 0; i < stored.length; i++) {
            UpdateView view = stored[i];
            Jump jump = now.get(view.id());
            if (jump != null) {
                view = view.withVersion(jump.from(), jump.versionClass());
            }
            result[i] = newStacks.containsKey(view.id()) ? view.withStack(newStacks.get(view.id())) : view;
        }
        return result;
    }

    /** Classifies every stored update again; returns how many values changed. */
    public static int refreshAll(Connection connection, StackKeys stacks) throws SQLException {
        Map<List<String>, List<Member>> groups = new HashMap<>();
        Map<Long, Jump> was = new HashMap<>();
        Map<Long, String> newStacks = new TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement(ALL);
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String image = rs.getString(3);
                groups.computeIfAbsent(
                                List.of(rs.getString(2), VersionJumps.repositoryOf(image)), k -> new ArrayList<>())
                        .add(new Member(rs.getLong(1), image, rs.getString(4)));
                was.put(rs.getLong(1), new Jump(rs.getString(5), rs.getString(6)));
                String stack = stacks.stackOf(CanonicalJson.parse(rs.getString(7)));
                if (!Objects.equals(stack, rs.getString(8))) {
                    newStacks.put(rs.getLong(1), stack);
                }
            }
        }
        storeStacks(connection, newStacks);
        Map<Long, Jump> now = new HashMap<>();
        groups.values().forEach(members -> now.putAll(VersionJumps.classify(members)));
        return store(connection, was, now) + newStacks.size();
    }

    private static void storeStacks(Connection connection, Map<Long, String> stacks) throws SQLException {
        if (stacks.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(SET_STACK)) {
            for (Map.Entry<Long, String> entry : stacks.entrySet()) {
                update.setString(1, entry.getValue());
                update.setLong(2, entry.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
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
