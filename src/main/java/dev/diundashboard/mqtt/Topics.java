package dev.diundashboard.mqtt;

import java.util.Optional;

/**
 * Where each message goes, all under the discovery prefix and this application's node, so that one
 * subscription ({@link #all()}) sees everything the dashboard keeps on the broker and a second
 * dashboard with another prefix never meets it:
 *
 * <ul>
 *   <li>{@code <prefix>/update/diun_dashboard/<id>/config}: the discovery message of update {@code id};
 *   <li>{@code <prefix>/update/diun_dashboard/<id>/state}: its versions, title and links;
 *   <li>{@code <prefix>/update/diun_dashboard/availability}: {@code online}, or {@code offline} as the
 *       last will.
 * </ul>
 *
 * Home Assistant reads only topics that end in {@code /config} as discovery messages; the node and
 * object ids use the characters it allows there ({@code [a-zA-Z0-9_-]}).
 */
record Topics(String prefix) {

    static final String NODE = "diun_dashboard";
    static final String ONLINE = "online";
    static final String OFFLINE = "offline";

    private String base() {
        return prefix + "/update/" + NODE + "/";
    }

    String config(long id) {
        return base() + id + "/config";
    }

    String state(long id) {
        return base() + id + "/state";
    }

    String availability() {
        return base() + "availability";
    }

    /** The filter that covers every topic above. */
    String all() {
        return base() + "#";
    }

    /** What a topic under {@link #all()} is about: an update's config or state; empty otherwise. */
    Optional<Part> parse(String topic) {
        if (!topic.startsWith(base())) {
            return Optional.empty();
        }
        String rest = topic.substring(base().length());
        int slash = rest.indexOf('/');
        if (slash < 1 || slash > 18) {
            return Optional.empty();
        }
        long id;
        try {
            id = Long.parseLong(rest.substring(0, slash));
        } catch (NumberFormatException notAnUpdate) {
            return Optional.empty();
        }
        return switch (rest.substring(slash + 1)) {
            case "config" -> Optional.of(new Part(id, true));
            case "state" -> Optional.of(new Part(id, false));
            default -> Optional.empty();
        };
    }

    /** An update's config topic ({@code config} true) or state topic. */
    record Part(long id, boolean config) {}
}
