package dev.diundashboard.updates;

import dev.diundashboard.versions.VersionClass;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pending updates in total, per host, per stack and per version class, as {@link PendingMetrics}
 * exposes them. Hosts and stacks are bounded to {@code maxLabels} each, those with the most pending
 * updates (ties by name), and the rest are summed under {@link #OTHERS}: a fleet of many hosts or a
 * metadata key with a value per container cannot make the series unbounded. Updates without a stack
 * or a version class count in the total and per host only.
 *
 * @param byHost at most {@code maxLabels} hosts with at least one pending update, and {@link #OTHERS}
 * @param byStack likewise for stacks
 * @param byClass every version class, 0 where none is pending
 */
record PendingCounts(long total, Map<String, Long> byHost, Map<String, Long> byStack, Map<VersionClass, Long> byClass) {

    /** The label value of the hosts or stacks past the bound (0 while there are none). */
    static final String OTHERS = "(other)";

    /** Hosts, and stacks, that get a series of their own. */
    static final int MAX_LABELS = 50;

    static final PendingCounts NONE = of(List.of(), MAX_LABELS);

    static PendingCounts of(List<PendingGroup> groups, int maxLabels) {
        long total = 0;
        Map<String, Long> hosts = new HashMap<>();
        Map<String, Long> stacks = new HashMap<>();
        Map<VersionClass, Long> classes = new EnumMap<>(VersionClass.class);
        for (VersionClass c : VersionClass.values()) {
            classes.put(c, 0L);
        }
        for (PendingGroup g : groups) {
            total += g.count();
            hosts.merge(label(g.hostname()), g.count(), Long::sum);
            if (g.stack() != null) {
                stacks.merge(label(g.stack()), g.count(), Long::sum);
            }
            VersionClass c = versionClass(g.versionClass());
            if (c != null) {
                classes.merge(c, g.count(), Long::sum);
            }
        }
        return new PendingCounts(
                total, bounded(hosts, maxLabels), bounded(stacks, maxLabels), Collections.unmodifiableMap(classes));
    }

    /** The {@code max} largest counts, largest first and ties by name, and the sum of the rest as {@link #OTHERS}. */
    static Map<String, Long> bounded(Map<String, Long> counts, int max) {
        List<Map.Entry<String, Long>> ordered = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
        Map<String, Long> kept = new LinkedHashMap<>();
        long others = 0;
        for (Map.Entry<String, Long> e : ordered) {
            if (kept.size() < max) {
                kept.merge(e.getKey(), e.getValue(), Long::sum);
            } else {
                others += e.getValue();
            }
        }
        kept.merge(OTHERS, others, Long::sum);
        return Collections.unmodifiableMap(kept);
    }

    /**
     * A stored value as a label value: control characters (a stack is free text from metadata) become
     * spaces, so that no exporter or tool downstream has to get their escaping right.
     */
    static String label(String value) {
        StringBuilder b = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
        return b.toString();
    }

    private static VersionClass versionClass(String wireName) {
        if (wireName == null) {
            return null;
        }
        try {
            return VersionClass.parse(wireName);
        } catch (IllegalArgumentException e) {
            return null; // a class this version does not know (written by a newer one): counted in the total only
        }
    }
}
