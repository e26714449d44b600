package dev.diundashboard.notify;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A row of the outbox as the API shows it, with the target's last answer. */
@JsonbPropertyOrder({
    "id",
    "channelId",
    "channelName",
    "channelType",
    "kind",
    "state",
    "updateId",
    "hostname",
    "createdAt",
    "dueAt",
    "attempts",
    "lastAttemptAt",
    "lastAnswer",
    "sentAt"
})
@Schema(name = "Delivery")
public record DeliveryView(
        long id,
        long channelId,
        String channelName,
        String channelType,
        String kind,
        String state,
        Long updateId,
        String hostname,
        Instant createdAt,
        Instant dueAt,
        int attempts,
        Instant lastAttemptAt,
        String lastAnswer,
        Instant sentAt) {}
