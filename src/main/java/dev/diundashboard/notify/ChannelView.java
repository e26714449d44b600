package dev.diundashboard.notify;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A channel as the API shows it: its secrets masked. */
@JsonbPropertyOrder({
    "id",
    "type",
    "name",
    "mode",
    "windowSeconds",
    "schedule",
    "filter",
    "config",
    "createdAt",
    "nextDigestAt"
})
@Schema(name = "Channel")
public record ChannelView(
        long id,
        String type,
        String name,
        String mode,
        int windowSeconds,

        @Schema(type = SchemaType.OBJECT) JsonObject schedule,

        @Schema(type = SchemaType.OBJECT) JsonObject filter,

        @Schema(type = SchemaType.OBJECT) JsonObject config,

        Instant createdAt,
        Instant nextDigestAt) {}
