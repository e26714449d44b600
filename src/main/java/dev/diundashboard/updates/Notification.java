package dev.diundashboard.updates;

import dev.diundashboard.storage.IngestRow;
import java.time.Instant;

/**
 * One Diun notification, validated. {@code metadataJson} is a JSON object or null; {@code payloadJson}
 * is the whole body as received.
 */
public record Notification(
        String diunVersion,
        String hostname,
        String status,
        String provider,
        String image,
        String hubLink,
        String mimeType,
        String digest,
        Instant created,
        String platform,
        String metadataJson,
        String payloadJson)
        implements IngestRow {

    /** The same notification stored under another host; the payload keeps the hostname it said. */
    public Notification withHostname(String host) {
        return new Notification(
                diunVersion,
                host,
                status,
                provider,
                image,
                hubLink,
                mimeType,
                digest,
                created,
                platform,
                metadataJson,
                payloadJson);
    }
}
