package dev.diundashboard.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds every request body the application reads, in one place: at most {@value #MAX_BYTES} bytes
 * (413), received within {@value #DEADLINE_SECONDS} s (408), and at most {@value #MAX_RECEIVING}
 * bodies being received at once (503), so that slow or huge uploads cannot take every worker thread.
 * A body counts from its first read until it is read to its end: a burst of small notifications,
 * each already in the server's buffer, is not refused for the time its requests spend elsewhere.
 *
 * <p>A declared Content-Length over the limit is refused before a byte is read. Otherwise the body is
 * counted as it is read (chunked, or with a Content-Length that lies), and reading stops at the limit.
 * Every refusal says {@code Connection: close}. Grizzly still receives and discards the unread rest
 * of a refused body before closing, unless its listener says otherwise: server-config's
 * http-listener.asadmin sets max-swallowing-input-bytes to 2 MiB, past which the connection ends.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class BodyLimitFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The largest body any endpoint accepts; a Diun notification is a few KB. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** The time a body may take to arrive, counted from the end of the headers. */
    static final int DEADLINE_SECONDS = 20;

    /** Bodies being received at once; Diun sends one notification at a time. */
    static final int MAX_RECEIVING = 64;

    private final transient Semaphore receiving = new Semaphore(MAX_RECEIVING);

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BYTES) {
            refuse(response, tooLarge());
            return;
        }
        if (declared <= 0 && request.getHeader("Transfer-Encoding") == null) {
            chain.doFilter(request, response);
            return;
        }
        BoundedBody body = new BoundedBody(
                request.getInputStream(),
                response,
                MAX_BYTES,
                System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS),
                receiving);
        try {
            chain.doFilter(new BoundedBody.Request(request, body), response);
        } finally {
            body.release();
        }
    }

    static ApiException tooLarge() {
        return new ApiException(413, "payload too large", "the body is larger than 1 MiB");
    }

    static ApiException tooSlow() {
        return new ApiException(408, "request timeout", "the body did not arrive within " + DEADLINE_SECONDS + " s");
    }

    static ApiException busy() {
        return new ApiException(503, "service unavailable", "too many request bodies are being received; retry later");
    }

    /** Answers outside JAX-RS, before the body is read, and closes the connection. */
    private static void refuse(HttpServletResponse response, ApiException refusal) throws IOException {
        response.setStatus(refusal.status());
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getOutputStream()
                .write(new ApiError(refusal.error(), refusal.getMessage())
                        .toJson()
                        .getBytes(StandardCharsets.UTF_8));
        response.flushBuffer();
    }
}
