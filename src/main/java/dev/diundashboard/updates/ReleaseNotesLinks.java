package dev.diundashboard.updates;

import dev.diundashboard.versions.ImageReference;
import dev.diundashboard.versions.LinkTemplate;
import dev.diundashboard.versions.ReleaseNotes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The release-notes link of an update: the first operator template (in id order) that gives one for
 * its image, else the mapping {@link ReleaseNotes} knows from the image name and hub link alone.
 * Every link is http(s): {@link LinkTemplate} and {@link ReleaseNotes} give no other.
 */
final class ReleaseNotesLinks {

    private static final Logger LOG = Logger.getLogger(ReleaseNotesLinks.class.getName());

    private ReleaseNotesLinks() {}

    /** A link, or null where no template applies and no mapping is known (or the name is not an image reference). */
    static String of(List<LinkTemplate> templates, String image, String hubLink) {
        Optional<ImageReference> reference = image == null ? Optional.empty() : ImageReference.parse(image);
        if (reference.isEmpty()) {
            return null;
        }
        for (LinkTemplate template : templates) {
            Optional<String> link = template.expand(reference.get());
            if (link.isPresent()) {
                return link.get();
            }
        }
        return ReleaseNotes.derive(reference.get(), hubLink).orElse(null);
    }

    /**
     * The stored templates in id order. One that no longer compiles (written by hand into the database)
     * is left out with a warning rather than blocking every webhook.
     */
    static List<LinkTemplate> load(Connection connection) throws SQLException {
        List<LinkTemplate> templates = new ArrayList<>();
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT id, image, template FROM link_templates ORDER BY id");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                try {
                    templates.add(LinkTemplate.of(rs.getString(2), rs.getString(3)));
                } catch (IllegalArgumentException e) {
                    LOG.warning(() -> "release-notes link " + id + " is left out: " + e.getMessage());
                }
            }
        }
        return templates;
    }
}
