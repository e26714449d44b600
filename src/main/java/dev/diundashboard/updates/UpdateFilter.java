package dev.diundashboard.updates;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.InputRules;
import dev.diundashboard.versions.VersionClass;
import java.util.Locale;

/**
 * The list filters, shared by the list and by bulk acknowledgement: {@code state}, {@code host},
 * {@code tag} (an id or {@code none}), {@code status}, {@code q} (a substring of the image,
 * ignoring ASCII case), {@code stack}, {@code class} (the version jump's class) and {@code maturity} (by the
 * image's build time, when {@code MATURITY_DAYS} is set). Each text filter follows the rules of the field it compares to
 * ({@link InputRules}), so it never reaches the database with a value no stored row could have.
 */
public record UpdateFilter(
        State state,
        String host,
        Long tagId,
        boolean untagged,
        String status,
        String q,
        VersionClass versionClass,
        Maturity.State maturity,
        String stack) {

    /**
     * Pending: not acknowledged, snoozed or ignored, and not Diun's test notification. Snoozed: not
     * acknowledged, snoozed. Ignored: not acknowledged nor snoozed, matched by an ignore rule.
     * Acknowledged. All: everything stored.
     */
    public enum State {
        PENDING,
        SNOOZED,
        IGNORED,
        ACKNOWLEDGED,
        ALL
    }

    public static final UpdateFilter ALL = new UpdateFilter(State.ALL, null, null, false, null, null, null, null, null);

    public static UpdateFilter of(
            String state, String host, String tag, String status, String q, String cls, String maturity, String stack) {
        return new UpdateFilter(
                parseState(state),
                like("host", host, InputRules.HOSTNAME_BYTES),
                parseTagId(tag),
                "none".equals(tag),
                like("status", status, InputRules.STATUS_BYTES),
                like("q", q, InputRules.IMAGE_BYTES),
                parseClass(cls),
                parseMaturity(maturity),
                like("stack", stack, InputRules.HOSTNAME_BYTES));
    }

    private static Maturity.State parseMaturity(String maturity) {
        if (maturity == null || maturity.isEmpty()) {
            return null;
        }
        if (Maturity.settlingSince(java.time.Instant.now()).isEmpty()) {
            throw ApiException.badRequest("maturity is off: set MATURITY_DAYS to filter by it");
        }
        return switch (maturity) {
            case "settling" -> Maturity.State.SETTLING;
            case "mature" -> Maturity.State.MATURE;
            default -> throw ApiException.badRequest("maturity must be settling or mature");
        };
    }

    private static VersionClass parseClass(String cls) {
        if (cls == null || cls.isEmpty()) {
            return null;
        }
        try {
            return VersionClass.parse(cls);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("class must be one of major, minor, patch, digest, other");
        }
    }

    private static State parseState(String state) {
        if (state == null || state.isBlank()) {
            return State.ALL;
        }
        try {
            return State.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("state must be pending, snoozed, ignored, acknowledged or all");
        }
    }

    private static Long parseTagId(String tag) {
        if (tag == null || tag.isBlank() || "none".equals(tag)) {
            return null;
        }
        try {
            long id = Long.parseLong(tag.trim());
            if (id < 1) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("tag must be a tag id or 'none'");
        }
    }

    /** Empty means no filter; anything else must be a value the field itself could hold. */
    private static String like(String name, String value, int maxBytes) {
        return value == null || value.isEmpty() ? null : InputRules.line(name, value, maxBytes);
    }
}
