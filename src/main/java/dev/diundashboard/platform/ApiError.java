package dev.diundashboard.platform;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The one error shape of every endpoint: {"error": "...", "detail": "..."}. */
@JsonbPropertyOrder({"error", "detail"})
public record ApiError(String error, String detail) {}
