package dev.diundashboard.updates;

import dev.diundashboard.versions.ImageReference;
import dev.diundashboard.versions.ReleaseNotes;

/** The release-notes link of a stored update, derived from its image name and hub link alone. */
final class ReleaseNotesLinks {

    private ReleaseNotesLinks() {}

    /** An http(s) link, or null where no mapping is known (or the name is not an image reference). */
    static String of(String image, String hubLink) {
        if (image == null) {
            return null;
        }
        return ImageReference.parse(image)
                .flatMap(reference -> ReleaseNotes.derive(reference, hubLink))
                .orElse(null);
    }
}
