package dev.diundashboard.platform;

import jakarta.json.Json;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The one error shape of every endpoint: {"error": "...", "detail": "..."}. */
@JsonbPropertyOrder({"error", "detail"})
@Schema(name = "ApiError", description = "The one error shape of every endpoint")
public record ApiError(String error, String detail) {

    /** The JSON text, for answers written outside JAX-RS (servlet error pages, authentication). */
    public String toJson() {
        return Json.createObjectBuilder()
                .add("error", error)
                .add("detail", detail)
                .build()
                .toString();
    }
}
