package dev.diundashboard.live;

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
        String value = max.map(String::strip).orElse("");
        if (value.isEmpty()) {
            return new StreamSettings(DEFAULT_MAX);
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1 && parsed <= LIMIT) {
                return new StreamSettings(parsed);
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        String shown = value.length() > 20 ? value.substring(0, 20) + "…" : value;
        throw new IllegalArgumentException("STREAM_MAX must be a whole number from 1 to " + LIMIT + ", not '"
                + shown.replaceAll("\\p{Cntrl}", "?") + "'");
    }
}
