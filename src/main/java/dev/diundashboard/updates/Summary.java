package dev.diundashboard.updates;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Counts for home-page widgets. */
@Schema(name = "Summary", description = "Counts for home-page widgets")
@JsonbPropertyOrder({
    "pending",
    "acknowledged",
    "snoozed",
    "ignored",
    "total",
    "hosts",
    "lastReceivedAt",
    "byClass",
    "lastTestNotification"
})
public record Summary(
        @Schema(description = "Not acknowledged, snoozed or ignored, and not Diun's test notification")
        long pending,

        long acknowledged,
        @Schema(description = "Not acknowledged, snoozed") long snoozed,

        @Schema(description = "Not acknowledged nor snoozed, matched by an ignore rule")
        long ignored,

        long total,
        long hosts,
        Instant lastReceivedAt,

        @Schema(description = "Pending updates per version class: major, minor, patch, digest, other")
        Map<String, Long> byClass,

        @Schema(description = "The newest test notification (diun notif test), or null")
        TestNotificationSeen lastTestNotification) {

    /** Which Diun reached the dashboard with its test notification, and when. */
    @JsonbPropertyOrder({"hostname", "at"})
    @Schema(name = "TestNotificationSeen")
    public record TestNotificationSeen(String hostname, Instant at) {}
}
