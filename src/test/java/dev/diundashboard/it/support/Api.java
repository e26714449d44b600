package dev.diundashboard.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/** A small HTTP client for the contract tests: real requests to the running WAR. */
public final class Api {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;
    private final String authorization;

    public Api(URL base) {
        this(base, null);
    }

    /** An API client that sends this Authorization header (e.g. Basic) on every /api request. */
    public Api(URL base, String authorization) {
        String s = base.toString();
        this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        this.authorization = authorization;
    }

    public static String basic(String user, String password) {
        return "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public Api anonymous() {
        return new Api(toUrl(base), null);
    }

    private static URL toUrl(String s) {
        try {
            return URI.create(s).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The Authorization header this client sends on /api, or null. */
    public String authorization() {
        return authorization;
    }

    public String url(String path) {
        return base + path;
    }

    public Reply get(String path) {
        return send("GET", path, null, null);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Reply post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    public Reply put(String path, String json) {
        return send("PUT", path, json, "application/json");
    }

    public Reply patch(String path, String json) {
        return send("PATCH", path, json, "application/json");
    }

    /** Sends any method with an optional body and optional Content-Type (null: none at all). */
    public Reply send(String method, String path, String body, String contentType) {
        BodyPublisher publisher = body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body);
        return sendRaw(method, path, publisher, contentType);
    }

    /** {@link #send} with one more header, e.g. Origin or Sec-Fetch-Site as a browser sets them. */
    public Reply sendWithHeader(
            String method, String path, String body, String contentType, String name, String value) {
        BodyPublisher publisher = body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body);
        return execute(request(method, path, publisher, contentType)
                .header(name, value)
                .build());
    }

    public Reply sendRaw(String method, String path, BodyPublisher publisher, String contentType) {
        return execute(request(method, path, publisher, contentType).build());
    }

    private HttpRequest.Builder request(String method, String path, BodyPublisher publisher, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(60))
                .method(method, publisher);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null && (path.startsWith("/api/") || path.startsWith("/feed.atom"))) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private Reply execute(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A webhook with an Authorization header, as configured in diun.yml. */
    public Reply webhook(String json, String authorization) {
        return execute(HttpRequest.newBuilder(URI.create(url("/webhook")))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization)
                .POST(BodyPublishers.ofString(json))
                .build());
    }

    /** A webhook as Diun sends it: POST without Content-Type. */
    public Reply webhook(String json) {
        return send("POST", "/webhook", json, null);
    }

    /** The id of the row a reply returns; fails the test unless the reply is 200 or 201. */
    public static long idOf(Reply reply) {
        org.assertj.core.api.Assertions.assertThat(reply.status())
                .as(reply.body())
                .isBetween(200, 201);
        return reply.json().getJsonNumber("id").longValue();
    }

    public record Reply(int status, String body, HttpResponse<String> raw) {
        public JsonObject json() {
            return (JsonObject) parse();
        }

        public JsonArray array() {
            return (JsonArray) parse();
        }

        private JsonStructure parse() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            } catch (RuntimeException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }
}
