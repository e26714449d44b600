package dev.diundashboard.updates;

import dev.diundashboard.tags.TagRef;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/** An update's fields plus {@code events}, its history, newest first. */
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
        List<EventView> events) {

    static UpdateDetail of(UpdateView u, List<EventView> events) {
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
                events);
    }
}
