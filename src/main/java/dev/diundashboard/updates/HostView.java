package dev.diundashboard.updates;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A host that sent notifications, with its alias (or null) and its update counts. */
@Schema(name = "HostView", description = "A host with its numbers of updates")
@JsonbPropertyOrder({"hostname", "alias", "total", "pending"})
public record HostView(String hostname, String alias, long total, long pending) {}
