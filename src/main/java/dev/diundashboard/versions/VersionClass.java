package dev.diundashboard.versions;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How big an update is, so that a dashboard can filter for the ones that need a closer look. The
 * JSON and query-parameter spelling is {@link #wireName()}: {@code major}, {@code minor}, {@code
 * patch}, {@code digest}, {@code other}.
 */
public enum VersionClass {
    /** The first core part changed: {@code 1.28.0} to {@code 2.0.0}. */
    MAJOR,
    /** The second core part changed: {@code 1.27.3} to {@code 1.28.0}. */
    MINOR,
    /** The third or a later core part changed: {@code 1.27.2} to {@code 1.27.3}, {@code 4.0.10.2544} to {@code 4.0.10.2600}. */
    PATCH,
    /** The same tag points at a new image, the usual update of a moving tag such as {@code latest}. */
    DIGEST,
    /** Anything else: only the suffix's numbers changed ({@code -ls250} to {@code -ls251}), or the tags are not comparable. */
    OTHER;

    private static final String ALLOWED =
            Arrays.stream(values()).map(VersionClass::wireName).collect(Collectors.joining(", "));

    /** The lower-case name used in JSON and query parameters. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a wire name, exactly as {@link #wireName()} spells it (one value, one spelling).
     *
     * @throws IllegalArgumentException for null or any other text, naming the allowed values
     */
    public static VersionClass parse(String wireName) {
        for (VersionClass value : values()) {
            if (value.wireName().equals(wireName)) {
                return value;
            }
        }
        throw new IllegalArgumentException("version class must be one of " + ALLOWED);
    }

    /**
     * Classifies an update from one tag to another: {@link #DIGEST} when both are the same tag (only
     * the image behind it can have changed); for {@linkplain TagVersion#comparableWith comparable}
     * versions, the index of the first differing core part ({@code 0} {@link #MAJOR}, {@code 1}
     * {@link #MINOR}, later {@link #PATCH}) whichever way the change goes, so a downgrade classifies
     * like the matching upgrade; {@link #OTHER} when only the suffix numbers differ ({@code
     * -ls250} to {@code -ls251}, a rebuild of the same release), when the numbers are equal but the
     * text is not ({@code 24.04} and {@code 24.4}), and when the two are not comparable. Never
     * throws for non-null arguments.
     */
    public static VersionClass classify(TagVersion from, TagVersion to) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("both tags are required");
        }
        if (from.equals(to)) {
            return DIGEST;
        }
        if (!from.comparableWith(to)) {
            return OTHER;
        }
        for (int i = 0; i < from.precision(); i++) {
            if (!from.parts().get(i).equals(to.parts().get(i))) {
                return i == 0 ? MAJOR : i == 1 ? MINOR : PATCH;
            }
        }
        return OTHER;
    }
}
