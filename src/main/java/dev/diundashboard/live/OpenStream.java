package dev.diundashboard.live;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One open {@code /api/stream}: its sink, the session it was opened under (null without one), and
 * its own bounded {@link SendQueue}. Only this stream's drainer writes to its sink, on a thread of
 * the shared sender pool, so a reader that stops reading holds one thread and its own queue, never
 * the thread that committed a change nor another page's stream.
 */
final class OpenStream {

    private final SseEventSink sink;
    private final String session;
    private final SendQueue<OutboundSseEvent> queue;
    private final Executor senders;
    private final Consumer<OpenStream> onClosed;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean endWhenDrained;

    OpenStream(
            SseEventSink sink,
            String session,
            int capacity,
            OutboundSseEvent resync,
            Executor senders,
            Consumer<OpenStream> onClosed) {
        this.sink = sink;
        this.session = session;
        this.queue = new SendQueue<>(capacity, resync);
        this.senders = senders;
        this.onClosed = onClosed;
    }

    String session() {
        return session;
    }

    boolean isClosed() {
        return closed.get() || sink.isClosed();
    }

    /** Queues the event; never waits for the reader. */
    void send(OutboundSseEvent event) {
        if (queue.offer(event)) {
            try {
                senders.execute(this::drain);
            } catch (RejectedExecutionException shuttingDown) {
                close();
            }
        }
    }

    /** Sends {@code last} after what is queued, then closes (the browser reconnects by itself). */
    void end(OutboundSseEvent last) {
        endWhenDrained = true;
        send(last);
    }

    private void drain() {
        OutboundSseEvent next;
        while ((next = queue.poll()) != null) {
            if (!write(next)) {
                close();
                return;
            }
        }
        if (endWhenDrained) {
            close();
        }
    }

    private boolean write(OutboundSseEvent event) {
        if (sink.isClosed()) {
            return false;
        }
        try {
            // Jersey writes in the calling thread and completes the stage before returning.
            return !sink.send(event).toCompletableFuture().isCompletedExceptionally() && !sink.isClosed();
        } catch (RuntimeException gone) {
            return false;
        }
    }

    /** Closes the sink and frees the stream's slot; safe to call more than once, from any thread. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.close();
        try {
            sink.close();
        } catch (RuntimeException alreadyGone) {
            // the connection is gone: nothing to close
        } finally {
            onClosed.accept(this);
        }
    }
}
