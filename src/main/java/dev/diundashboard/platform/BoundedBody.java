package dev.diundashboard.platform;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;

/**
 * A request body that counts what is read and refuses, by throwing an {@link ApiException} that the
 * {@link ErrorMapper} answers, once it is too long or too slow. A refusal also marks the response
 * {@code Connection: close}, so that the connection ends with the answer.
 *
 * <p>It holds one of the filter's receiving permits from its first read until it is read to its end,
 * refused or closed: only while bytes are actually awaited. A body that arrived whole (a Diun
 * notification, in one packet) holds it for microseconds; a slow one for up to the deadline. Without
 * a permit the first read is refused with 503.
 *
 * <p>Past its first {@value BodyLimitFilter#SMALL_BYTES} bytes it also takes what it holds from the
 * filter's memory budget, in KiB, all at once for a declared length ({@link #reserve}) and else in
 * steps of {@value #STEP} bytes as it is read; without budget it is refused with 503. That is given
 * back only when the request is done ({@link #done}): the body, read and parsed, is in the heap until
 * then, also while an asynchronous request (a webhook) waits for its commit.
 */
final class BoundedBody extends ServletInputStream {

    private static final int STEP = 64 * 1024;

    private final ServletInputStream in;
    private final HttpServletResponse response;
    private final long limit;
    private final long deadlineNanos;
    private final Semaphore receiving;
    private final Semaphore memory;
    private long count;
    private boolean done;
    private boolean holding;
    private long allowed = BodyLimitFilter.SMALL_BYTES;
    private int memoryKiB;

    BoundedBody(
            ServletInputStream in,
            HttpServletResponse response,
            long limit,
            long deadlineNanos,
            Semaphore receiving,
            Semaphore memory) {
        this.in = in;
        this.response = response;
        this.limit = limit;
        this.deadlineNanos = deadlineNanos;
        this.receiving = receiving;
        this.memory = memory;
    }

    /** Takes budget for {@code bytes} of body, if that is more than it holds; false when spent. */
    synchronized boolean reserve(long bytes) {
        if (bytes <= allowed) {
            return true;
        }
        int kib = (int) ((bytes - allowed + 1023) / 1024);
        if (!memory.tryAcquire(kib)) {
            return false;
        }
        memoryKiB += kib;
        allowed += kib * 1024L;
        return true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (done) {
            return -1;
        }
        before();
        if (!holding) {
            if (!receiving.tryAcquire()) {
                throw refuse(BodyLimitFilter.busy());
            }
            holding = true;
        }
        // Never ask for more than one byte past the limit, so that a refusal reads at most that much.
        int n = in.read(buffer, offset, (int) Math.min(length, limit + 1 - count));
        if (n < 0) {
            done = true;
            release();
            return -1;
        }
        count += n;
        if (count > limit) {
            throw refuse(BodyLimitFilter.tooLarge());
        }
        if (count > allowed && !reserve(Math.min(limit, count + STEP))) {
            throw refuse(BodyLimitFilter.busy());
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw refuse(BodyLimitFilter.tooSlow());
        }
        return n;
    }

    private void before() {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw refuse(BodyLimitFilter.tooSlow());
        }
    }

    private ApiException refuse(ApiException refusal) {
        done = true;
        release();
        if (!response.isCommitted()) {
            response.setHeader("Connection", "close");
        }
        return refusal;
    }

    @Override
    public int available() throws IOException {
        return done ? 0 : in.available();
    }

    @Override
    public boolean isFinished() {
        return done || in.isFinished();
    }

    @Override
    public boolean isReady() {
        return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
    }

    @Override
    public void close() throws IOException {
        release();
        in.close();
    }

    /** Gives the receiving permit back, if this body holds one. */
    synchronized void release() {
        if (holding) {
            holding = false;
            receiving.release();
        }
    }

    /**
     * The request is done: gives back the receiving permit and the memory budget this body holds. For
     * an asynchronous request this runs on the thread that completes it, and may run twice.
     */
    synchronized void done() {
        release();
        memory.release(memoryKiB);
        memoryKiB = 0;
    }

    /** The request as the application sees it: its body is the bounded one. */
    static final class Request extends HttpServletRequestWrapper {

        private final BoundedBody body;

        Request(HttpServletRequest request, BoundedBody body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            return body;
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(body, charset));
        }
    }
}
