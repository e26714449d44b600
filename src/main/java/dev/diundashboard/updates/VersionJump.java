package dev.diundashboard.updates;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the API shows of an update's version jump: the tag it moves from, its own tag, and the class
 * ({@code major}, {@code minor}, {@code patch}, {@code digest} or {@code other}). A digest update of
 * a tag that did not change names the same tag twice.
 */
@JsonbPropertyOrder({"current", "latest", "class"})
@Schema(name = "VersionJump")
public record VersionJump(
        String current,
        String latest,
        @JsonbProperty("class") @Schema(name = "class") String versionClass) {

    /** The jump of a stored update, or null when its classification has nothing to say. */
    static VersionJump of(String image, String from, String versionClass) {
        if (versionClass == null) {
            return null;
        }
        String tag = VersionJumps.tagOf(image);
        return new VersionJump(from == null ? tag : from, tag, versionClass);
    }
}
