package dev.diundashboard.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * JAX-RS serves the webhook, the API under /api, and the dashboard page at the root. The error
 * replies, all in the one {@link ApiError} shape, are documented once here and referenced by name.
 */
@ApplicationPath("/")
@OpenAPIDefinition(
        info = @Info(title = "DiunDashboard", version = "1"),
        components =
                @Components(
                        responses = {
                            @APIResponse(
                                    name = "NotModified",
                                    responseCode = "304",
                                    description = "Nothing was written since the ETag sent in If-None-Match: the"
                                            + " client's copy is current (no body)"),
                            @APIResponse(
                                    name = "BadRequest",
                                    responseCode = "400",
                                    description = "Malformed request: bad JSON, a missing or wrong field, an unknown"
                                            + " or malformed parameter",
                                    content =
                                            @Content(
                                                    schema = @Schema(ref = "ApiError"),
                                                    examples =
                                                            @ExampleObject(name = "example", value = ApiDocs.ERROR))),
                            @APIResponse(
                                    name = "Unauthorized",
                                    responseCode = "401",
                                    description = "A secret, token or login is required and missing or wrong",
                                    content = @Content(schema = @Schema(ref = "ApiError"))),
                            @APIResponse(
                                    name = "Forbidden",
                                    responseCode = "403",
                                    description = "Not allowed: a request from another site, a missing CSRF token,"
                                            + " a user without the role, or token management with login off",
                                    content = @Content(schema = @Schema(ref = "ApiError"))),
                            @APIResponse(
                                    name = "NotFound",
                                    responseCode = "404",
                                    description = "No such update, tag or token",
                                    content = @Content(schema = @Schema(ref = "ApiError"))),
                            @APIResponse(
                                    name = "Conflict",
                                    responseCode = "409",
                                    description = "The name is in use",
                                    content = @Content(schema = @Schema(ref = "ApiError"))),
                            @APIResponse(
                                    name = "PayloadTooLarge",
                                    responseCode = "413",
                                    description = "Body over 1 MiB",
                                    content = @Content(schema = @Schema(ref = "ApiError"))),
                            @APIResponse(
                                    name = "ServiceUnavailable",
                                    responseCode = "503",
                                    description = "Database unavailable; nothing stored; see Retry-After",
                                    content = @Content(schema = @Schema(ref = "ApiError")))
                        }))
public class RestApplication extends Application {}
