package dev.diundashboard.live;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * Something a dashboard should show without a reload: {@code kind} is "update" (with the update's
 * id) or "tags"; {@code change} says what happened. A change to many updates at once (a bulk
 * acknowledgement) is one change with their {@code count} and no id. Fired inside a transaction,
 * delivered to the stream only after it commits.
 */
@JsonbPropertyOrder({"kind", "id", "change", "count"})
public record Change(String kind, Long id, String change, Integer count) {

    public static Change update(long id, String change) {
        return new Change("update", id, change, null);
    }

    /** The same change to {@code count} updates, announced once (a page reloads; ids do not matter). */
    public static Change updates(String change, int count) {
        return new Change("update", null, change, count);
    }

    /** Changes may have been missed (another instance's, while not listening): reload everything. */
    public static Change resync() {
        return new Change("update", null, "resync", null);
    }

    public static Change tags(String change) {
        return new Change("tags", null, change, null);
    }
}
