package dev.diundashboard.notify;

import java.util.List;

/**
 * What one notification message says, whatever carries it: a title, the updates it is about (at
 * most {@link #MAX_ITEMS}; {@code omitted} says how many more there are) and the dashboard's
 * address. Every channel type renders the same message in its own format.
 */
public record Message(Kind kind, String title, List<Item> items, int omitted, String dashboardUrl) {

    /** The updates one message lists at most; the rest are counted, and one click away. */
    public static final int MAX_ITEMS = 25;

    /** Why the message is sent. */
    public enum Kind {
        /** One new pending update. */
        EACH,
        /** What one Diun run on one host brought. */
        RUN,
        /** What is still pending, on the channel's schedule. */
        DIGEST,
        /** "Send test" from the page or the API. */
        TEST;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One update as a message shows it.
     *
     * @param host the host's alias, else its hostname
     * @param change "1.27.2 → 1.27.3", "new digest" or "new image"
     * @param versionClass major, minor, patch, digest, other, or null
     * @param registryUrl Diun's hub link, http(s) only, or null
     * @param releaseNotesUrl or null
     * @param url the update in the dashboard, or null without a dashboard address
     */
    public record Item(
            long id,
            String hostname,
            String host,
            String image,
            String change,
            String versionClass,
            String registryUrl,
            String releaseNotesUrl,
            String url) {

        /** "nginx:1.27.3 on nas: 1.27.2 → 1.27.3 (patch)". */
        public String summary() {
            return image + " on " + host + ": " + change + (versionClass == null ? "" : " (" + versionClass + ")");
        }
    }

    public Message {
        items = List.copyOf(items);
    }

    /** The message as plain text: one line per update, then what was left out and the dashboard. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (Item item : items) {
            out.append("• ").append(item.summary());
            if (item.releaseNotesUrl() != null) {
                out.append("\n  release notes: ").append(item.releaseNotesUrl());
            }
            out.append('\n');
        }
        if (kind == Kind.TEST) {
            out.append("DiunDashboard can reach this channel.\n");
        }
        if (omitted > 0) {
            out.append("… and ").append(omitted).append(" more\n");
        }
        if (dashboardUrl != null) {
            out.append(dashboardUrl).append('\n');
        }
        return out.toString().strip();
    }
}
