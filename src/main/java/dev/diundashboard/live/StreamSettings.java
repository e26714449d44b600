package dev.diundashboard.live;

import dev.diundashboard.platform.WholeNumberSetting;
import java.util.Optional;

/**
 * Limits of {@code /api/stream}: {@code STREAM_MAX} open streams per instance (default
 * {@value #DEFAULT_MAX}); a malformed value stops the application with one line naming it.
 */
record StreamSettings(int max) {

    static final int DEFAULT_MAX = 100;
    static final int LIMIT = 10_000;

    /** @throws IllegalArgumentException naming STREAM_MAX when the value is not 1 to {@value #LIMIT} */
    static StreamSettings from(Optional<String> max) {
        return new StreamSettings(
                WholeNumberSetting.parse("STREAM_MAX", max, 1, LIMIT, "").orElse(DEFAULT_MAX));
    }
}
