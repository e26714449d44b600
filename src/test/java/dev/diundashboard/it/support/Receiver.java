package dev.diundashboard.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP endpoint in the test JVM that stands in for ntfy, Gotify, Discord, Slack or a webhook
 * target: it records every request exactly as it arrives and answers what the test scripted (then
 * 200), so that a test can check the request a real service documents, and play a target that is
 * down or asks to wait.
 */
public final class Receiver implements AutoCloseable {

    /** One request as received; header names in lower case. */
    public record Request(String method, String path, Map<String, String> headers, String body, Instant at) {}

    private record Answer(int status, String body, Map<String, String> headers) {}

    private final HttpServer server;
    private final BlockingQueue<Request> arrived = new LinkedBlockingQueue<>();
    private final List<Request> all = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();

    public Receiver() throws IOException {
        this(0);
    }

    /** On a port of the test's choosing (0: any free one), for a target that comes up later. */
    public Receiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The receiver's address with the path, such as {@code /ntfy}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests are answered so, in order; after them, 200. */
    public synchronized Receiver answer(int status, String body, Map<String, String> headers) {
        script.add(new Answer(status, body, headers));
        return this;
    }

    /** The next request, or an error after the timeout. */
    public Request next(Duration timeout) throws InterruptedException {
        Request r = arrived.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("no request arrived within " + timeout);
        }
        return r;
    }

    /** Whether a request arrives within the time (consuming it). */
    public Request maybeNext(Duration timeout) throws InterruptedException {
        return arrived.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public List<Request> all() {
        return List.copyOf(all);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(
                exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body, Instant.now());
        Answer answer;
        synchronized (this) {
            answer = script.isEmpty() ? new Answer(200, "{\"ok\":true}", Map.of()) : script.poll();
        }
        all.add(request);
        arrived.add(request);
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
