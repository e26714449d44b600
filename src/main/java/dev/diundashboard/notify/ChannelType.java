package dev.diundashboard.notify;

import java.util.Locale;

/** Where a channel sends. */
public enum ChannelType {
    NTFY,
    GOTIFY,
    DISCORD,
    SLACK,
    EMAIL,
    WEBHOOK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type a channel's {@code type} names, or null. */
    public static ChannelType parse(String label) {
        for (ChannelType t : values()) {
            if (t.label().equals(label)) {
                return t;
            }
        }
        return null;
    }
}
