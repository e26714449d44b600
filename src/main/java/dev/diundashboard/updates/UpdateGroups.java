package dev.diundashboard.updates;

import dev.diundashboard.platform.ApiException;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The list grouped by host, stack or tag ({@code group=}): every group the filter matches, in key
 * order, with its count; the page's items sit in their groups, so paging works as without groups.
 * A group's {@code key} is what the list's own filter takes ({@code host=}, {@code stack=},
 * {@code tag=}), so a script or the page can act on one group (acknowledge it); updates without a
 * stack have the key null, without a tag the key {@code none}.
 */
@JsonbPropertyOrder({"groups", "total"})
@Schema(name = "UpdateGroups")
public record UpdateGroups(List<Group> groups, long total) {

    /** One group and the updates of this page in it. */
    @JsonbPropertyOrder({"key", "label", "count", "items"})
    @Schema(name = "UpdateGroup")
    public record Group(String key, String label, long count, List<UpdateView> items) {}

    /** What the list can be grouped by. */
    public enum By {
        HOST,
        STACK,
        TAG;

        /** Null for none; a 400 for anything but host, stack or tag. */
        static By parse(String value) {
            if (value == null || value.isEmpty()) {
                return null;
            }
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("group must be host, stack or tag");
            }
        }

        /** The group key of an update, as its filter takes it. */
        String keyOf(UpdateView u) {
            return switch (this) {
                case HOST -> u.hostname();
                case STACK -> u.stack();
                case TAG -> u.tag() == null ? "none" : String.valueOf(u.tag().id());
            };
        }
    }

    /** A key and its count, as the grouped count query returns them, with the label to show. */
    record Count(String key, String label, long count) {}

    /** Puts the page's items into the groups the counts name, in the counts' order. */
    static UpdateGroups of(By by, List<Count> counts, List<UpdateView> page, long total) {
        Map<String, List<UpdateView>> items = new HashMap<>(); // the key of "no stack" is null
        for (UpdateView u : page) {
            items.computeIfAbsent(by.keyOf(u), k -> new ArrayList<>()).add(u);
        }
        List<Group> groups = new ArrayList<>(counts.size());
        for (Count c : counts) {
            groups.add(new Group(c.key(), c.label(), c.count(), items.getOrDefault(c.key(), List.of())));
        }
        return new UpdateGroups(groups, total);
    }
}
