package dev.diundashboard.live;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * Something a dashboard should show without a reload: {@code kind} is "update" (with the update's
 * id) or "tags"; {@code change} says what happened. Fired inside a transaction, delivered to the
 * stream only after it commits.
 */
@JsonbPropertyOrder({"kind", "id", "change"})
public record Change(String kind, Long id, String change) {

    public static Change update(long id, String change) {
        return new Change("update", id, change);
    }

    /** Changes may have been missed (another instance's, while not listening): reload everything. */
    public static Change resync() {
        return new Change("update", null, "resync");
    }

    public static Change tags(String change) {
        return new Change("tags", null, change);
    }
}
