package dev.diundashboard.updates;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A host that sent notifications, with its update counts. */
@JsonbPropertyOrder({"hostname", "total", "pending"})
public record HostView(String hostname, long total, long pending) {}
