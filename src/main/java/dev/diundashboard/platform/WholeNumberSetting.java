package dev.diundashboard.platform;

import java.util.Optional;

/**
 * A setting that is a whole number within bounds, or unset. A malformed value is refused with one
 * line that names the setting and shows the value, cut to 20 characters and without control
 * characters (it goes to the log and the deployer's message).
 */
public final class WholeNumberSetting {

    private WholeNumberSetting() {}

    /**
     * The value, or empty when unset or blank.
     *
     * @param unit words after "a whole number", such as " of days", or ""
     * @throws IllegalArgumentException naming the setting when the value is not a number from min to max
     */
    public static Optional<Integer> parse(String name, Optional<String> value, int min, int max, String unit) {
        String v = value.map(String::strip).orElse("");
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            int parsed = Integer.parseInt(v);
            if (parsed >= min && parsed <= max) {
                return Optional.of(parsed);
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        String shown = v.length() > 20 ? v.substring(0, 20) + "…" : v;
        throw new IllegalArgumentException(name + " must be a whole number" + unit + " from " + min + " to " + max
                + ", not '" + shown.replaceAll("\\p{Cntrl}", "?") + "'");
    }
}
