package dev.diundashboard.platform;

import dev.diundashboard.storage.DatabaseErrors;
import dev.diundashboard.storage.DatabaseUnavailableException;
import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure into the one JSON error shape. Client mistakes keep their status; a database
 * that cannot be reached is a 503 with Retry-After; anything else is a 500 whose cause is logged
 * here and never sent (no stack traces, SQL or class names in responses).
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable e = unwrap(thrown);
        if (e instanceof ApiException api) {
            Response response = respond(api.status(), api.error(), api.getMessage());
            // Every 503 is "try again later", and says when.
            return api.status() == 503 ? withRetryAfter(response) : response;
        }
        if (e instanceof DatabaseUnavailableException unavailable) {
            // storage's own refusal (writers queued too long, schema not upgraded): its message is for the client
            return withRetryAfter(respond(503, "service unavailable", unavailable.getMessage()));
        }
        if (e instanceof NotFoundException) {
            return respond(404, "not found", "no such resource");
        }
        if (e instanceof NotAllowedException notAllowed) {
            Response r = respond(405, "method not allowed", "this resource does not accept this method");
            return Response.fromResponse(r)
                    .allow(notAllowed.getResponse().getAllowedMethods())
                    .build();
        }
        if (e instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            Response.StatusType type = Response.Status.fromStatusCode(status);
            String reason = type == null ? "error" : type.getReasonPhrase().toLowerCase(Locale.ROOT);
            if (status >= 500) {
                LOG.log(Level.WARNING, "request failed", e);
                return respond(status, reason, "the server could not complete the request");
            }
            return respond(status, reason, reason);
        }
        if (e instanceof JsonException || e instanceof JsonbException || e instanceof ProcessingException) {
            return respond(400, "bad request", "the body is not valid JSON of the expected shape");
        }
        if (isCommitFailure(e)) {
            LOG.log(Level.WARNING, "the database could not commit; nothing was stored: {0}", rootMessage(e));
            return withRetryAfter(
                    respond(503, "service unavailable", "the database could not store the change; retry later"));
        }
        if (isDatabaseUnavailable(e)) {
            LOG.log(Level.WARNING, "database unavailable: {0}", rootMessage(e));
            return withRetryAfter(respond(503, "service unavailable", "the database is unavailable; retry later"));
        }
        if (DatabaseErrors.anyInChain(e, DatabaseErrors::isConstraintViolation)) {
            return respond(409, "conflict", "the change conflicts with stored data");
        }
        LOG.log(Level.SEVERE, "unexpected failure", e);
        return respond(500, "internal error", "the server could not complete the request");
    }

    static Response respond(int status, String error, String detail) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(error, detail))
                .build();
    }

    /** Seconds a client should wait before retrying a 503: the database errors behind it are transient. */
    static final String RETRY_AFTER_SECONDS = "5";

    private static Response withRetryAfter(Response response) {
        return Response.fromResponse(response)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        for (int i = 0; i < 10 && current != null; i++) {
            if (current instanceof ApiException || current instanceof DatabaseUnavailableException) {
                return current;
            }
            if (current instanceof EJBException ejb && ejb.getCause() != null) {
                current = ejb.getCause();
            } else if (current.getClass().getName().endsWith("TransactionRolledbackLocalException")
                    && current.getCause() != null) {
                current = current.getCause();
            } else {
                return current;
            }
        }
        return e;
    }

    private static boolean isDatabaseUnavailable(Throwable e) {
        if (DatabaseErrors.anyInChain(e, DatabaseErrors::isUnavailable)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (name.startsWith("com.sun.appserv.connectors")
                    || name.equals("jakarta.resource.spi.ResourceAllocationException")) {
                return true;
            }
        }
        return false;
    }

    /** The container's commit of a single local resource failed: the transaction was rolled back. */
    private static boolean isCommitFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (name.equals("jakarta.transaction.SystemException")
                    || name.equals("jakarta.transaction.RollbackException")
                    || name.equals("jakarta.transaction.HeuristicRollbackException")
                    || name.equals("jakarta.ejb.EJBTransactionRolledbackException") && t.getCause() != null) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
