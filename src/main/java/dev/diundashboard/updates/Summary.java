package dev.diundashboard.updates;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** Counts for home-page widgets. */
@JsonbPropertyOrder({"pending", "acknowledged", "total", "hosts", "lastReceivedAt"})
public record Summary(long pending, long acknowledged, long total, long hosts, Instant lastReceivedAt) {}
