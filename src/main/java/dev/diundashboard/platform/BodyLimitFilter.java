package dev.diundashboard.platform;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
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
 * <p>Bodies larger than {@value #SMALL_BYTES} bytes also take their size from a memory budget, a
 * 48th of the heap but at least one largest body, from their first byte until their request is
 * done (503 when it is spent): reading, decoding and parsing a body holds several times its size in
 * the heap, and 64 bodies of 1 MiB at once ran a 72 MiB heap (the container at 256 MiB) out of
 * memory. An asynchronous request is done when it is answered: a webhook's parsed notification
 * waits in the heap for its commit. Diun's notifications are a few KB and never wait for it.
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

    /** Bodies up to this size are not counted against the memory budget. */
    static final int SMALL_BYTES = 16 * 1024;

    private final transient Semaphore receiving = new Semaphore(MAX_RECEIVING);

    /** The memory budget, in KiB. */
    private final transient Semaphore memory;

    public BodyLimitFilter() {
        this(memoryBudget(Runtime.getRuntime().maxMemory()));
    }

    /** With a budget of {@code budgetBytes} (for tests). */
    BodyLimitFilter(long budgetBytes) {
        memory = new Semaphore((int) (budgetBytes / 1024));
    }

    /** Bytes of larger bodies held at once, for a heap of {@code maxHeap} bytes. */
    static long memoryBudget(long maxHeap) {
        return Math.max(MAX_BYTES, maxHeap / 48);
    }

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
                receiving,
                memory);
        if (!body.reserve(declared)) {
            refuse(response, busy());
            return;
        }
        try {
            chain.doFilter(new BoundedBody.Request(request, body), response);
        } finally {
            doneWithTheRequest(request, body);
        }
    }

    /**
     * Gives the body's budget back now, or, for a request that went asynchronous (a webhook waits for
     * its commit with the parsed notification in the heap), when it completes. A listener added before
     * this dispatch returns sees the completion, even when another thread completed it meanwhile.
     */
    private static void doneWithTheRequest(HttpServletRequest request, BoundedBody body) {
        if (!request.isAsyncStarted()) {
            body.done();
            return;
        }
        try {
            request.getAsyncContext().addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    body.done();
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                    body.done();
                }

                @Override
                public void onError(AsyncEvent event) {
                    body.done();
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                    // asynchronous again: a listener must add itself to hear how the new cycle ends
                    event.getAsyncContext().addListener(this);
                }
            });
        } catch (IllegalStateException alreadyOver) {
            body.done();
        }
    }

    static ApiException tooLarge() {
        return new ApiException(413, "payload too large", "the body is larger than 1 MiB");
    }

    static ApiException tooSlow() {
        return new ApiException(408, "request timeout", "the body did not arrive within " + DEADLINE_SECONDS + " s");
    }

    static ApiException busy() {
        return ApiException.unavailable("too many request bodies are being received; retry later");
    }

    /** Answers outside JAX-RS, before the body is read, and closes the connection. */
    private static void refuse(HttpServletResponse response, ApiException refusal) throws IOException {
        response.setStatus(refusal.status());
        response.setHeader("Connection", "close");
        if (refusal.status() == 503) {
            // As every 503 of the application: try again later, and when.
            response.setHeader("Retry-After", ErrorMapper.RETRY_AFTER_SECONDS);
        }
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
