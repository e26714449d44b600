package dev.diundashboard.platform;

import jakarta.ws.rs.core.Response;

/** A refusal the client can act on: an HTTP status, a short error and a detail. */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    public ApiException(Response.Status status, String error, String detail) {
        this(status.getStatusCode(), error, detail);
    }

    public ApiException(int status, String error, String detail) {
        super(detail);
        this.status = status;
        this.error = error;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(Response.Status.BAD_REQUEST, "bad request", detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(Response.Status.NOT_FOUND, "not found", detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(Response.Status.CONFLICT, "conflict", detail);
    }

    /** 503: the client should retry later; the {@link ErrorMapper} adds {@code Retry-After}. */
    public static ApiException unavailable(String detail) {
        return new ApiException(Response.Status.SERVICE_UNAVAILABLE, "service unavailable", detail);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
