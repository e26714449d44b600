package dev.diundashboard.updates;

import dev.diundashboard.tags.TagRef;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * An update's fields plus {@code events}, the newest {@value #LATEST_EVENTS} of its history, newest
 * first, and {@code eventCount}, the number of all; {@code GET /api/updates/{id}/events} pages the rest.
 */
@JsonbPropertyOrder({
    "id",
    "hostname",
    "image",
    "status",
    "provider",
    "hubLink",
    "mimeType",
    "digest",
    "created",
    "platform",
    "metadata",
    "diunVersion",
    "firstSeen",
    "lastSeen",
    "seenCount",
    "acknowledgedAt",
    "tag",
    "eventCount",
    "events"
})
public record UpdateDetail(
        long id,
        String hostname,
        String image,
        String status,
        String provider,
        String hubLink,
        String mimeType,
        String digest,
        Instant created,
        String platform,
        JsonValue metadata,
        String diunVersion,
        Instant firstSeen,
        Instant lastSeen,
        int seenCount,
        Instant acknowledgedAt,
        TagRef tag,
        long eventCount,
        List<EventView> events) {

    /** Events in the detail; each holds a payload of up to 1 MiB, so the rest is paged. */
    public static final int LATEST_EVENTS = 20;

    static UpdateDetail of(UpdateView u, List<EventView> events, long eventCount) {
        return new UpdateDetail(
                u.id(),
                u.hostname(),
                u.image(),
                u.status(),
                u.provider(),
                u.hubLink(),
                u.mimeType(),
                u.digest(),
                u.created(),
                u.platform(),
                u.metadata(),
                u.diunVersion(),
                u.firstSeen(),
                u.lastSeen(),
                u.seenCount(),
                u.acknowledgedAt(),
                u.tag(),
                eventCount,
                events);
    }
}
