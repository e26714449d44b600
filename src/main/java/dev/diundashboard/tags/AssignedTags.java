package dev.diundashboard.tags;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** The tags of given updates, read over JDBC, for writers that work outside JPA. */
public final class AssignedTags {

    private AssignedTags() {}

    /** Update id to its tag, for those of the ids that have one. */
    public static Map<Long, TagRef> of(Connection connection, Collection<Long> updateIds) throws SQLException {
        if (updateIds.isEmpty()) {
            return Map.of();
        }
        String sql = "SELECT a.update_id, t.id, t.name FROM tag_assignments a JOIN tags t ON t.id = a.tag_id"
                + " WHERE a.update_id IN (" + String.join(", ", Collections.nCopies(updateIds.size(), "?")) + ")";
        Map<Long, TagRef> tags = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            for (long id : updateIds) {
                ps.setLong(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tags.put(rs.getLong(1), new TagRef(rs.getLong(2), rs.getString(3)));
                }
            }
        }
        return tags;
    }
}
