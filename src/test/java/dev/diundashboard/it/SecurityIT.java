package dev.diundashboard.it;

import static dev.diundashboard.it.support.Notifications.diun;
import static dev.diundashboard.it.support.Notifications.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import dev.diundashboard.it.support.Api;
import dev.diundashboard.it.support.Api.Reply;
import dev.diundashboard.it.support.Browser;
import dev.diundashboard.it.support.MicroServer;
import dev.diundashboard.it.support.RequiresChromium;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fail-closed settings, login throttling and cross-site refusal, on Payara Micro servers of the
 * test's own (SQLite): each bad setting must stop the application; 200 wrong passwords must be
 * throttled, logged and audited while the right one works once the lockout ends; a page on another
 * origin must not change anything through a logged-in browser.
 */
class SecurityIT {

    private static final String USER = System.getProperty("diun.it.dashboard-user", "operator");
    private static final String PASSWORD = System.getProperty("diun.it.dashboard-password", "it-password");

    /** Lockouts are capped at this many seconds here (LOGIN_LOCKOUT_MAX_SECONDS), so the test waits little. */
    private static final int CAP_SECONDS = 3;

    private static MicroServer server;

    @BeforeAll
    static void startLoginServer() throws Exception {
        Path db = Path.of(System.getProperty("diun.it.work", "target/it"), "security", "diun.db");
        Files.createDirectories(db.getParent());
        server = MicroServer.start(
                "security",
                Map.of(
                        "DB_PATH",
                        db.toString(),
                        "DASHBOARD_USER",
                        USER,
                        "DASHBOARD_PASSWORD",
                        PASSWORD,
                        "LOGIN_LOCKOUT_MAX_SECONDS",
                        String.valueOf(CAP_SECONDS)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    // ---- fail closed -------------------------------------------------------------------------

    @Test
    void eachSettingThatWouldMeanNoProtectionStopsTheApplication() throws Exception {
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("WEBHOOK_SECRET is set but empty", Map.of("WEBHOOK_SECRET", ""));
        cases.put("WEBHOOK_SECRET is set but empty or blank", Map.of("WEBHOOK_SECRET", "  "));
        cases.put("DASHBOARD_PASSWORD is not set but DASHBOARD_USER is", Map.of("DASHBOARD_USER", USER));
        cases.put("DASHBOARD_USER is not set but DASHBOARD_PASSWORD is", Map.of("DASHBOARD_PASSWORD", PASSWORD));
        int n = 0;
        for (var c : cases.entrySet()) {
            Map<String, String> properties = new LinkedHashMap<>(c.getValue());
            Path db = Path.of(System.getProperty("diun.it.work", "target/it"), "fail-closed-" + n++, "diun.db");
            Files.createDirectories(db.getParent());
            properties.put("DB_PATH", db.toString());
            try (MicroServer s = MicroServer.launch("fail-closed", properties)) {
                String log = awaitRefusal(s, c.getKey());
                String line = log.lines()
                        .filter(l -> l.contains(c.getKey()) && l.contains("SEVERE"))
                        .findFirst()
                        .orElse(null);
                assertThat(line)
                        .as("a SEVERE line naming the setting in " + s.log)
                        .isNotNull();
                assertThat(log).as("the deployment failed").contains("Exception while loading the app");
                assertThat(status(s, "/api/summary"))
                        .as("not serving: " + c.getKey())
                        .isNotEqualTo(200);
                assertThat(log).doesNotContain(PASSWORD);
            }
        }
    }

    /**
     * Waits until Payara Micro has logged the refusal and the failed deployment (or is ready, or
     * exited); its log. Both lines are awaited: the log is written through more than one buffer.
     */
    private static String awaitRefusal(MicroServer s, String refusal) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(400).toNanos();
        while (System.nanoTime() < deadline) {
            String log = Files.exists(s.log) ? Files.readString(s.log) : "";
            boolean refused = log.contains("Exception while loading the app") && log.contains(refusal);
            if (refused || log.contains(") ready in ") || !s.alive()) {
                return log;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Payara Micro did not finish deploying; see " + s.log);
    }

    private static int status(MicroServer s, String path) {
        try {
            HttpURLConnection c = (HttpURLConnection)
                    URI.create("http://localhost:" + s.port + path).toURL().openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(5000);
            return c.getResponseCode();
        } catch (IOException notListening) {
            return -1;
        }
    }

    // ---- throttling --------------------------------------------------------------------------

    @Test
    void twoHundredWrongPasswordsAreThrottledLoggedAndAuditedAndTheRightOneWorksAfterwards() throws Exception {
        Api right = new Api(server.base(), Api.basic(USER, PASSWORD));
        long auditedBefore = right.get("/api/audit?limit=1").json().getInt("total");
        String marker = "wrong-" + UUID.randomUUID();
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        List<String> retryAfter = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = i % 2 == 0
                    ? http.send(
                            HttpRequest.newBuilder(URI.create(server.base() + "api/summary"))
                                    .header("Authorization", Api.basic(USER, marker + i))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    : http.send(form(USER, marker + i), HttpResponse.BodyHandlers.ofString());
            statuses.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() == 429) {
                retryAfter.add(r.headers().firstValue("Retry-After").orElse("missing"));
                assertThat(r.body()).contains("too many failed logins");
            } else if (i % 2 == 0) {
                assertThat(r.statusCode()).isEqualTo(401);
            } else {
                assertThat(r.statusCode()).isEqualTo(302);
                assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/login?failed");
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int checked = 200 - statuses.getOrDefault(429, 0);
        System.out.printf(
                "200 wrong passwords in %.1f s: %s (status: count); %d checked%n", seconds, statuses, checked);
        assertThat(seconds).as("the 200 attempts took under a minute").isLessThan(60);
        assertThat(statuses.getOrDefault(429, 0)).isGreaterThan(100);
        assertThat(retryAfter).allSatisfy(v -> assertThat(Integer.parseInt(v)).isBetween(1, CAP_SECONDS));
        assertThat(checked).as("only a few guesses were even checked").isBetween(5, 5 + (int) seconds / 1 + 1);

        // Each checked failure: a WARNING line with user and address, never the password; an audit entry.
        String log = Files.readString(server.log);
        long warnings = log.lines()
                .filter(l -> l.contains("WARNING") && l.contains("login failed for user '" + USER + "' from 127.0.0.1"))
                .count();
        assertThat(warnings).isEqualTo(checked);
        assertThat(log)
                .contains("(basic)", "(form)", "further attempts refused for")
                .doesNotContain(marker);

        // The right password is refused while locked, and works once the lockout ends.
        Reply locked = right.get("/api/summary");
        if (locked.status() == 429) {
            Thread.sleep(Long.parseLong(locked.header("Retry-After")) * 1000 + 200);
        }
        Reply summary = right.get("/api/summary");
        assertThat(summary.status()).as(summary.body()).isEqualTo(200);
        JsonObject audit = right.get("/api/audit?limit=1000").json();
        assertThat(audit.getInt("total") - auditedBefore).isEqualTo(checked);
        JsonObject entry = audit.getJsonArray("items").getJsonObject(0);
        assertThat(entry.getString("action")).isEqualTo("login.failed");
        assertThat(entry.getJsonObject("details").getString("user")).isEqualTo(USER);
        assertThat(entry.getJsonObject("details").getString("address")).isEqualTo("127.0.0.1");
        assertThat(entry.toString()).doesNotContain(marker);

        // The form works too, and behind a TLS proxy both cookies are Secure.
        HttpResponse<String> loggedIn = http.send(
                HttpRequest.newBuilder(URI.create(server.base() + "login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Forwarded-Proto", "https")
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + USER + "&password="
                                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location").orElse("")).endsWith("/");
        List<String> cookies = loggedIn.headers().allValues("Set-Cookie");
        assertThat(cookies).anyMatch(c -> c.startsWith("JSESSIONID=")).anyMatch(c -> c.startsWith("diun_csrf="));
        assertThat(cookies).allSatisfy(c -> assertThat(c).contains("Secure"));
    }

    private HttpRequest form(String user, String password) throws IOException {
        return HttpRequest.newBuilder(URI.create(server.base() + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .build();
    }

    @Test
    void theLoginFormIsReadUpToOneMebibyteWithOrWithoutContentLength() throws Exception {
        byte[] big = ("username=" + USER + "&password=" + "x".repeat(2 << 20)).getBytes(StandardCharsets.US_ASCII);
        for (boolean chunked : new boolean[] {false, true}) {
            String reply = rawPost("/login", big, chunked);
            assertThat(reply)
                    .as("chunked: " + chunked)
                    .startsWith("HTTP/1.1 413")
                    .contains("payload too large");
        }
        assertThat(server.readyStatus()).isEqualTo(200);
    }

    /**
     * A form POST over a plain socket, the body written by another thread while this one reads the
     * answer, as a browser or curl does: the server answers 413 and closes before the body is all sent.
     */
    private static String rawPost(String path, byte[] body, boolean chunked) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", server.port)) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + server.port
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n")
                    + "\r\n";
            Thread writer = new Thread(() -> {
                try {
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    for (int at = 0; at < body.length; at += 65536) {
                        int n = Math.min(65536, body.length - at);
                        if (chunked) {
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(body, at, n);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException closedByTheServer) {
                    // expected: the server stopped reading
                }
            });
            writer.start();
            StringBuilder reply = new StringBuilder();
            var in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0 && !reply.toString().contains("}"); ) {
                    reply.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException reset) {
                // the answer was read before the connection closed, or the assertion says what was
            }
            writer.join(30_000);
            return reply.toString().replaceFirst("(?s)^HTTP/1.1 100 Continue\r\n\r\n", "");
        }
    }

    // ---- cross-site writes, in Chromium --------------------------------------------------------

    @Test
    @RequiresChromium
    void aPageOnAnotherOriginCannotChangeAnythingThroughALoggedInBrowser() throws Exception {
        String host = "csrf-" + UUID.randomUUID().toString().substring(0, 8);
        Api api = new Api(server.base(), Api.basic(USER, PASSWORD));
        awaitNoLockout(api);
        long id = ContractTests.idOf(api.webhook(json(diun(host, "docker.io/library/target:1", "sha256:1"))));
        String tagsBefore = api.get("/api/tags").body();
        String dashboard = "http://localhost:" + server.port;

        // The attacker's pages: same host name, another port, so the browser even sends the
        // SameSite=Strict session cookie (same site, other origin).
        HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Map<String, String> pages = Map.of(
                "/ack", formPage(dashboard + "/api/updates/" + id + "/acknowledge", null, null),
                "/bulk", formPage(dashboard + "/api/updates/acknowledge", "{\"ids\": [" + id + "], \"x\": \"", "\"}"),
                "/tag", formPage(dashboard + "/api/tags", "{\"name\": \"" + host + "\", \"x\": \"", "\"}"),
                "/webhook",
                        formPage(
                                dashboard + "/webhook",
                                json(diun(host, "docker.io/library/forged:1", "sha256:1"))
                                        .replaceFirst("}$", ", \"x\": \""),
                                "\"}"));
        attacker.createContext("/", exchange -> {
            byte[] html =
                    pages.getOrDefault(exchange.getRequestURI().getPath(), "").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, html.length);
            try (var out = exchange.getResponseBody()) {
                out.write(html);
            }
        });
        attacker.start();
        String evil = "http://localhost:" + attacker.getAddress().getPort();
        try (Browser browser = new Browser()) {
            // 1. Logged in with the form: the session cookie goes along.
            try (BrowserContext session = browser.context(1280, 900, "light")) {
                Page p = session.newPage();
                p.navigate(dashboard + "/login");
                p.getByLabel("User name").fill(USER);
                p.getByLabel("Password").fill(PASSWORD);
                p.getByRole(
                                com.microsoft.playwright.options.AriaRole.BUTTON,
                                new Page.GetByRoleOptions().setName("Log in"))
                        .click();
                p.waitForURL(dashboard + "/");
                assertThat(session.cookies()).anyMatch(c -> c.name.equals("JSESSIONID"));
                for (String attack : List.of("/ack", "/bulk", "/tag", "/webhook")) {
                    assertRefused(p, evil + attack);
                }
            }
            // 2. Cached HTTP Basic credentials: the browser answers the challenge by itself.
            try (BrowserContext basic = browser.browser.newContext(
                    new com.microsoft.playwright.Browser.NewContextOptions().setHttpCredentials(USER, PASSWORD))) {
                Page p = basic.newPage();
                assertThat(p.navigate(dashboard + "/api/summary").status()).isEqualTo(200);
                for (String attack : List.of("/ack", "/bulk", "/tag")) {
                    assertRefused(p, evil + attack);
                }
            }
        } finally {
            attacker.stop(0);
        }

        assertThat(api.get("/api/updates/" + id).json().isNull("acknowledgedAt"))
                .as("not acknowledged")
                .isTrue();
        assertThat(api.get("/api/tags").body()).isEqualTo(tagsBefore);
        assertThat(ContractTests.images("state=all&host=" + host, api)).containsExactly("docker.io/library/target:1");
        // Diun itself (no Content-Type, no Origin) still gets through.
        assertThat(api.webhook(json(diun(host, "docker.io/library/diun:1", "sha256:1")))
                        .status())
                .isEqualTo(200);
    }

    /** Opens the attacker's page, which posts its form at once; the dashboard's answer must be our 403. */
    private static void assertRefused(Page p, String attack) {
        p.navigate(attack);
        p.waitForFunction("() => document.body && document.body.innerText.includes('error')");
        assertThat(p.content()).as(attack).contains("a request from another site may not change anything");
    }

    /** An auto-submitting form; with a body, a text/plain form whose one field spells JSON. */
    private static String formPage(String action, String name, String value) {
        String field = name == null
                ? ""
                : "<input type=\"hidden\" name=\"" + escape(name) + "\" value=\"" + escape(value) + "\">";
        String type = name == null ? "" : " enctype=\"text/plain\"";
        return "<!doctype html><html><body><form method=\"post\" action=\"" + action + "\"" + type + ">" + field
                + "</form><script>document.forms[0].submit()</script></body></html>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static void awaitNoLockout(Api api) throws InterruptedException {
        for (int i = 0; i < 20 && api.get("/api/summary").status() == 429; i++) {
            Thread.sleep(500);
        }
    }
}
