package dev.diundashboard.storage;

import java.time.Instant;

/**
 * One notification as the ingest writer stores it: the columns of its image update and the payload
 * of its history event. Values are already checked (the application's input rules); null means
 * absent.
 */
public interface IngestRow {
    String hostname();

    String image();

    String status();

    String provider();

    String hubLink();

    String mimeType();

    String digest();

    Instant created();

    String platform();

    /** A JSON object, or null. */
    String metadataJson();

    String diunVersion();

    /** The whole notification as received, JSON. */
    String payloadJson();
}
