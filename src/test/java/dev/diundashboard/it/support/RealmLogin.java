package dev.diundashboard.it.support;

import static dev.diundashboard.it.support.Notifications.diun;
import static dev.diundashboard.it.support.Notifications.json;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * DASHBOARD_AUTH=realm checked over HTTP on an app server whose realm knows {@code user} (group
 * dashboard) and {@code outsider} (another group): the same login behaviour as with
 * DASHBOARD_USER/DASHBOARD_PASSWORD, with the server's users.
 */
public final class RealmLogin {

    private final String base;
    private final HttpClient anonymous = client(new CookieManager());

    private RealmLogin(String base) {
        this.base = base;
    }

    public record Account(String name, String password) {}

    /**
     * @param serverRoot the server's own root, for /health (Payara); null where the server has none
     */
    public static void passes(String base, String serverRoot, Account user, Account outsider, Account unknown)
            throws Exception {
        new RealmLogin(base).check(serverRoot, user, outsider, unknown);
    }

    public interface Action {
        public void run() throws Exception;
    }

    /** A user taken out of the group loses access at the next request, with a live session too. */
    public static void losingTheGroupEndsAccess(String base, Account user, Action takeOutOfGroup) throws Exception {
        RealmLogin realm = new RealmLogin(base);
        HttpClient browser = client(new CookieManager());
        assertThat(send(browser, realm.form(user)).headers().firstValue("Location"))
                .hasValueSatisfying(v -> assertThat(v).endsWith(URI.create(base).getPath() + "/"));
        assertThat(send(browser, realm.get("/api/updates")).statusCode()).isEqualTo(200);
        takeOutOfGroup.run();
        HttpResponse<String> api = send(browser, realm.get("/api/updates"));
        assertThat(api.statusCode()).as(api.body()).isEqualTo(403);
        assertThat(parse(api).getString("error")).isEqualTo("forbidden");
        assertThat(send(realm.anonymous, basic(realm.get("/api/updates"), user)).statusCode())
                .isEqualTo(403);
        assertThat(send(browser, realm.get("/api/updates")).statusCode())
                .as("the refusal ended the session (and closed its streams)")
                .isEqualTo(401);
        assertThat(send(browser, realm.get("/")).headers().firstValue("Location"))
                .as("the page goes back to the form")
                .hasValueSatisfying(v -> assertThat(v).endsWith("/login"));
        assertThat(send(browser, realm.form(user)).headers().firstValue("Location"))
                .as("logging in again is denied, with the reason")
                .hasValueSatisfying(v -> assertThat(v).endsWith("/login?denied"));
        assertThat(send(browser, realm.get("/api/updates")).statusCode()).isEqualTo(401);
    }

    private void check(String serverRoot, Account user, Account outsider, Account unknown) throws Exception {
        // Without credentials: 401 with the JSON error shape and a Basic challenge.
        HttpResponse<String> none = send(anonymous, get("/api/updates"));
        assertThat(none.statusCode()).as(none.body()).isEqualTo(401);
        assertThat(parse(none).getString("error")).isEqualTo("unauthorized");
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(send(anonymous, get("/")).headers().firstValue("Location"))
                .hasValueSatisfying(v -> assertThat(v).endsWith("/login"));

        // HTTP Basic against the realm.
        HttpResponse<String> basic = send(anonymous, basic(get("/api/updates"), user));
        assertThat(basic.statusCode()).as(basic.body()).isEqualTo(200);
        assertThat(parse(basic).containsKey("items")).isTrue();
        HttpResponse<String> outsiderBasic = send(anonymous, basic(get("/api/updates"), outsider));
        assertThat(outsiderBasic.statusCode())
                .as("a realm user in none of the dashboard's groups: " + outsiderBasic.body())
                .isEqualTo(403);
        assertThat(parse(outsiderBasic).getString("error")).isEqualTo("forbidden");
        assertThat(parse(outsiderBasic).getString("detail"))
                .contains("has none of the roles admin, operator, viewer", "diun-viewer");
        for (Account wrong : List.of(new Account(user.name(), user.password() + "x"), unknown)) {
            HttpResponse<String> refused = send(anonymous, basic(get("/api/updates"), wrong));
            assertThat(refused.statusCode())
                    .as(wrong.name() + ": " + refused.body())
                    .isEqualTo(401);
            assertThat(parse(refused).getString("error")).isEqualTo("unauthorized");
        }

        // The form: wrong password and a user without the role go back to the form, without a session.
        CookieManager outsiderCookies = new CookieManager();
        HttpResponse<String> denied = send(client(outsiderCookies), form(outsider));
        assertThat(denied.statusCode()).isEqualTo(302);
        assertThat(denied.headers().firstValue("Location"))
                .hasValueSatisfying(v -> assertThat(v).endsWith("/login?denied"));
        assertThat(send(client(outsiderCookies), get("/api/updates")).statusCode())
                .isEqualTo(401);
        HttpResponse<String> failed =
                send(client(new CookieManager()), form(new Account(user.name(), user.password() + "x")));
        assertThat(failed.headers().firstValue("Location"))
                .hasValueSatisfying(v -> assertThat(v).endsWith("/login?failed"));

        // The form with the realm user: a session cookie (HttpOnly) and the CSRF cookie.
        CookieManager cookies = new CookieManager();
        HttpClient browser = client(cookies);
        HttpResponse<String> login = send(browser, form(user));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location"))
                .hasValueSatisfying(v -> assertThat(v).endsWith(URI.create(base).getPath() + "/"));
        assertThat(login.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").containsIgnoringCase("HttpOnly"))
                .anySatisfy(c -> assertThat(c).startsWith("diun_csrf="));
        String csrf = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("diun_csrf"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow();

        assertThat(send(browser, get("/api/updates")).statusCode()).isEqualTo(200);
        assertThat(send(browser, get("/")).statusCode()).isEqualTo(200);
        JsonObject session = parse(send(browser, get("/api/session")));
        assertThat(session.getBoolean("loginRequired")).isTrue();
        assertThat(session.getString("user")).isEqualTo(user.name());
        assertThat(session.getString("role"))
                .as("the group of earlier versions means admin")
                .isEqualTo("admin");
        assertThat(session.getString("mode")).isEqualTo("realm");

        // Mutating calls from the session need the CSRF header.
        String tag = "{\"name\":\"realm-" + UUID.randomUUID() + "\"}";
        HttpResponse<String> withoutToken = send(browser, post("/api/tags", tag));
        assertThat(withoutToken.statusCode()).as(withoutToken.body()).isEqualTo(403);
        assertThat(parse(withoutToken).getString("error")).isEqualTo("forbidden");
        HttpResponse<String> withToken = send(browser, csrf(post("/api/tags", tag), csrf));
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);
        JsonObject audit = parse(send(browser, get("/api/audit?limit=1")))
                .getJsonArray("items")
                .getJsonObject(0);
        assertThat(audit.getString("action")).isEqualTo("tag.create");
        assertThat(audit.getString("actor")).isEqualTo(user.name());
        assertThat(audit.getString("role")).isEqualTo("admin");

        // /webhook is outside the login and keeps its own tokens.
        String host = "realm-" + UUID.randomUUID().toString().substring(0, 8);
        String notification = json(diun(host, "docker.io/library/nginx:latest", "sha256:r1"));
        assertThat(send(anonymous, post("/webhook", notification)).statusCode())
                .as("the webhook is open while no token exists")
                .isEqualTo(200);
        HttpResponse<String> token = send(browser, csrf(post("/api/tokens", "{\"name\":\"" + host + "\"}"), csrf));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        assertThat(send(anonymous, post("/webhook", notification)).statusCode()).isEqualTo(401);
        HttpResponse<String> withWebhookToken = send(
                anonymous,
                HttpRequest.newBuilder(URI.create(base + "/webhook"))
                        .header("Authorization", "Bearer " + parse(token).getString("token"))
                        .POST(BodyPublishers.ofString(notification))
                        .build());
        assertThat(withWebhookToken.statusCode()).isEqualTo(200);
        if (serverRoot != null) {
            assertThat(send(
                                    anonymous,
                                    HttpRequest.newBuilder(URI.create(serverRoot + "/health/ready"))
                                            .build())
                            .statusCode())
                    .isEqualTo(200);
        }

        // Log out ends the session.
        HttpResponse<String> logout = send(browser, post("/logout", ""));
        assertThat(logout.headers().firstValue("Location"))
                .hasValueSatisfying(v -> assertThat(v).endsWith("/login"));
        assertThat(send(browser, get("/api/updates")).statusCode()).isEqualTo(401);

        // The realm's users go through the same throttle: wrong passwords end in 429 with
        // Retry-After, and the right password works once that time has passed.
        HttpResponse<String> wrong = null;
        for (int i = 0; i < 12; i++) {
            wrong = send(anonymous, basic(get("/api/updates"), new Account(user.name(), "wrong-" + i)));
            if (wrong.statusCode() == 429) {
                break;
            }
            assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
        }
        assertThat(wrong.statusCode())
                .as("throttled after repeated wrong passwords")
                .isEqualTo(429);
        long retryAfter =
                Long.parseLong(wrong.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isPositive();
        Thread.sleep(retryAfter * 1000 + 500);
        assertThat(send(anonymous, basic(get("/api/updates"), user)).statusCode())
                .as("the right password after the lockout")
                .isEqualTo(200);
    }

    private static HttpClient client(CookieManager cookies) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(cookies)
                .build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest post(String path, String body) {
        return request(path)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body))
                .build();
    }

    private HttpRequest form(Account account) {
        String body = "username=" + URLEncoder.encode(account.name(), StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(account.password(), StandardCharsets.UTF_8);
        return request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(body))
                .build();
    }

    private static HttpRequest basic(HttpRequest request, Account account) {
        String credentials = Base64.getEncoder()
                .encodeToString((account.name() + ":" + account.password()).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", "Basic " + credentials)
                .build();
    }

    private static HttpRequest csrf(HttpRequest request, String token) {
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .header("X-CSRF-Token", token)
                .build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request)
            throws IOException, InterruptedException {
        return client.send(request, BodyHandlers.ofString());
    }

    private static JsonObject parse(HttpResponse<String> response) {
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new AssertionError("not JSON (status " + response.statusCode() + "): " + response.body(), e);
        }
    }
}
