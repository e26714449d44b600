package dev.diundashboard.updates;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Counts for home-page widgets. */
@Schema(name = "Summary", description = "Counts for home-page widgets")
@JsonbPropertyOrder({"pending", "acknowledged", "total", "hosts", "lastReceivedAt", "byClass"})
public record Summary(
        long pending,
        long acknowledged,
        long total,
        long hosts,
        Instant lastReceivedAt,

        @Schema(description = "Pending updates per version class: major, minor, patch, digest, other")
        Map<String, Long> byClass) {}
