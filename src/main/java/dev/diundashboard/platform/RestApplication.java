package dev.diundashboard.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * JAX-RS serves the webhook, the API under /api, and the dashboard page at the root. The replies and
 * bodies that several operations share (the error replies, all in the one {@link ApiError} shape;
 * the webhook's notification and stored update, the same for its three methods) are documented once
 * here and referenced by name.
 */
@ApplicationPath("/")
@OpenAPIDefinition(
        info = @Info(title = "DiunDashboard", version = "1"),
        components =
                @Components(
                        requestBodies =
                                @RequestBody(
                                        name = "Notification",
                                        description = "A Diun webhook notification, as Diun sends it",
                                        required = true,
                                        content =
                                                @Content(
                                                        schema = @Schema(type = SchemaType.OBJECT),
                                                        examples =
                                                                @ExampleObject(
                                                                        name = "example",
                                                                        value = ApiDocs.NOTIFICATION))),
                        responses = {
                            @APIResponse(
                                    name = "StoredUpdate",
                                    responseCode = "200",
                                    description = "The stored update, sent after the commit",
                                    content =
                                            @Content(
                                                    schema = @Schema(ref = "UpdateView"),
                                                    examples =
                                                            @ExampleObject(name = "example", value = ApiDocs.UPDATE))),
                            @APIResponse(
                                    name = "Update",
                                    responseCode = "200",
                                    description = "The update, as it is after the change",
                                    content =
                                            @Content(
                                                    schema = @Schema(ref = "UpdateView"),
                                                    examples =
                                                            @ExampleObject(name = "example", value = ApiDocs.UPDATE))),
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
