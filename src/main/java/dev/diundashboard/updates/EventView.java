package dev.diundashboard.updates;

import dev.diundashboard.platform.CanonicalJson;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** One entry of an update's history. */
@JsonbPropertyOrder({"id", "receivedAt", "status", "digest", "payload"})
public record EventView(long id, Instant receivedAt, String status, String digest, JsonValue payload) {

    static EventView of(UpdateEvent e) {
        return new EventView(
                e.getId(), e.getReceivedAt(), e.getStatus(), e.getDigest(), CanonicalJson.parse(e.getPayload()));
    }

    /** The id only, which agrees with {@code equals}; spares JSON-B hashing each payload (see UpdateView). */
    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }
}
