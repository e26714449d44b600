package dev.diundashboard.updates;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.JsonRecord;
import dev.diundashboard.versions.Glob;
import dev.diundashboard.versions.VersionClass;
import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The body that creates or replaces an ignore rule: {@code {"image", "host", "stack", "class"}}, any
 * of them, at least one. The three are globs ({@code *} within a path segment, {@code **} across,
 * {@code ?} one character), the class one of the version classes.
 */
@JsonRecord(expected = IgnoreRuleBody.EXPECTED)
public record IgnoreRuleBody(
        @JsonRecord.Invalid("'image' must be a glob, as text")
        String image,

        @JsonRecord.Invalid("'host' must be a glob, as text")
        String host,

        @JsonRecord.Invalid("'stack' must be a glob, as text")
        String stack,

        @JsonRecord.Invalid("'class' must be major, minor, patch, digest or other") @JsonbProperty("class")
        String versionClass) {

    static final String EXPECTED =
            "expected {\"image\": \"<glob>\", \"host\": \"<glob>\", \"stack\": \"<glob>\", \"class\": \"<class>\"},"
                    + " at least one";

    public IgnoreRuleBody {
        image = glob("image", image);
        host = glob("host", host);
        stack = glob("stack", stack);
        if (versionClass != null) {
            try {
                VersionClass.parse(versionClass);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("'class' must be major, minor, patch, digest or other");
            }
        }
        if (image == null && host == null && stack == null && versionClass == null) {
            throw ApiException.badRequest(EXPECTED);
        }
    }

    /** Null or blank is absent; anything else must compile as a glob. */
    private static String glob(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("'" + name + "' must not hold control characters");
        }
        try {
            Glob.compile(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'" + name + "': " + e.getMessage());
        }
        return value;
    }
}
