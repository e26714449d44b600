package dev.diundashboard.updates;

import dev.diundashboard.platform.CanonicalJson;
import dev.diundashboard.storage.Dialect;
import dev.diundashboard.tags.TagRef;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** An update as the API shows it. */
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
    "tag"
})
public record UpdateView(
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
        TagRef tag) {

    public static UpdateView of(ImageUpdate u) {
        return new UpdateView(
                u.getId(),
                u.getHostname(),
                u.getImage(),
                u.getStatus(),
                u.getProvider(),
                u.getHubLink(),
                u.getMimeType(),
                u.getDigest(),
                u.getCreated(),
                u.getPlatform(),
                CanonicalJson.parse(u.getMetadata()),
                u.getDiunVersion(),
                u.getFirstSeen(),
                u.getLastSeen(),
                u.getSeenCount(),
                u.getAcknowledgedAt(),
                u.getTag() == null ? null : TagRef.of(u.getTag()));
    }

    /** An update as the ingest writer stored it: the row's columns by name, without its tag. */
    public static UpdateView read(ResultSet row, Dialect dialect) throws SQLException {
        return new UpdateView(
                row.getLong("id"),
                row.getString("hostname"),
                row.getString("image"),
                row.getString("status"),
                row.getString("provider"),
                row.getString("hub_link"),
                row.getString("mime_type"),
                row.getString("digest"),
                dialect.getInstant(row, "created"),
                row.getString("platform"),
                CanonicalJson.parse(row.getString("metadata")),
                row.getString("diun_version"),
                dialect.getInstant(row, "first_seen"),
                dialect.getInstant(row, "last_seen"),
                row.getInt("seen_count"),
                dialect.getInstant(row, "acknowledged_at"),
                null);
    }

    public UpdateView withTag(TagRef newTag) {
        return new UpdateView(
                id,
                hostname,
                image,
                status,
                provider,
                hubLink,
                mimeType,
                digest,
                created,
                platform,
                metadata,
                diunVersion,
                firstSeen,
                lastSeen,
                seenCount,
                acknowledgedAt,
                newTag);
    }

    /**
     * The id only: equal views have equal ids, so this agrees with the record's {@code equals}, and JSON-B, which
     * keeps every object it serializes in a hash set, need not hash the metadata of each row.
     */
    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }
}
