package dev.diundashboard.updates;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An ignore rule as the API shows it, with how many updates it ignores now. */
@JsonbPropertyOrder({"id", "image", "host", "stack", "class", "createdAt", "ignoring"})
@Schema(name = "IgnoreRule")
public record IgnoreRuleView(
        long id,
        String image,
        String host,
        String stack,
        @JsonbProperty("class") @Schema(name = "class") String versionClass,
        Instant createdAt,
        long ignoring) {}
