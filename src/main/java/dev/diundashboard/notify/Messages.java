package dev.diundashboard.notify;

import dev.diundashboard.storage.Dialect;
import dev.diundashboard.updates.PageLinks;
import dev.diundashboard.updates.UpdateQueries;
import dev.diundashboard.updates.VersionJumps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an outbox row says, decided when it is sent: only updates that are pending then (not
 * acknowledged, snoozed or ignored meanwhile) and that the channel's filter lets through. A row with
 * nothing left to say yields no message.
 */
final class Messages {

    private static final String COLUMNS = "SELECT u.id, u.hostname, u.host_alias, u.image, u.status, u.hub_link,"
            + " u.version_from, u.version_class, u.release_notes_url, u.stack, ta.tag_id FROM updates u"
            + " LEFT JOIN tag_assignments ta ON ta.update_id = u.id WHERE " + UpdateQueries.pendingSql("u.");

    private Messages() {}

    /** A claimed outbox row: for a run, its host and window (from its start to its end). */
    record Row(long id, String kind, Long updateId, String hostname, Instant windowStart, Instant windowEnd) {}

    /** The message for the row, or null when nothing it would tell of is pending any more. */
    static Message of(Connection connection, Dialect dialect, Row row, ChannelFilter filter, String dashboardUrl)
            throws SQLException {
        List<Message.Item> items = new ArrayList<>();
        int total = 0;
        try (PreparedStatement select =
                connection.prepareStatement(COLUMNS + where(row.kind()) + " ORDER BY u.last_seen DESC, u.id DESC")) {
            switch (row.kind()) {
                case "each" -> select.setLong(1, row.updateId());
                case "run" -> {
                    select.setString(1, row.hostname());
                    dialect.setInstant(select, 2, row.windowStart());
                    dialect.setInstant(select, 3, row.windowEnd());
                }
                default -> {
                    // a digest lists everything pending
                }
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long tag = rs.getLong("tag_id");
                    Long tagId = rs.wasNull() ? null : tag;
                    ChannelFilter.Candidate candidate = new ChannelFilter.Candidate(
                            rs.getString("hostname"), tagId, rs.getString("stack"), rs.getString("version_class"));
                    if (!filter.matches(candidate)) {
                        continue;
                    }
                    total++;
                    if (items.size() < Message.MAX_ITEMS) {
                        items.add(item(rs, dashboardUrl));
                    }
                }
            }
        }
        if (items.isEmpty()) {
            return null;
        }
        return new Message(
                kind(row.kind()), title(row.kind(), items, total), items, total - items.size(), dashboardUrl);
    }

    private static String where(String kind) {
        return switch (kind) {
            case "each" -> " AND u.id = ?";
            case "run" ->
                " AND u.hostname = ? AND COALESCE(u.digest_since, u.first_seen) >= ?"
                        + " AND COALESCE(u.digest_since, u.first_seen) <= ?";
            default -> "";
        };
    }

    private static Message.Kind kind(String kind) {
        return switch (kind) {
            case "each" -> Message.Kind.EACH;
            case "run" -> Message.Kind.RUN;
            default -> Message.Kind.DIGEST;
        };
    }

    private static String title(String kind, List<Message.Item> items, int total) {
        Message.Item first = items.get(0);
        return switch (kind) {
            case "each" -> first.image() + ": " + first.change() + " on " + first.host();
            case "run" -> total == 1 ? "1 update on " + first.host() : total + " updates on " + first.host();
            default -> total == 1 ? "1 update is pending" : total + " updates are pending";
        };
    }

    private static Message.Item item(ResultSet rs, String dashboardUrl) throws SQLException {
        String hostname = rs.getString("hostname");
        String alias = rs.getString("host_alias");
        String image = rs.getString("image");
        String versionClass = rs.getString("version_class");
        String change = VersionJumps.change(image, rs.getString("version_from"), versionClass, rs.getString("status"));
        String url = dashboardUrl == null ? null : PageLinks.update(dashboardUrl, hostname, image);
        return new Message.Item(
                rs.getLong("id"),
                hostname,
                alias != null ? alias : hostname,
                image,
                change,
                versionClass,
                PageLinks.httpOnly(rs.getString("hub_link")),
                rs.getString("release_notes_url"),
                url);
    }
}
