package dev.diundashboard.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.diundashboard.it.support.Notifications.diun;
import static dev.diundashboard.it.support.Notifications.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.diundashboard.it.support.Api;
import dev.diundashboard.it.support.Browser;
import dev.diundashboard.it.support.Keycloak;
import dev.diundashboard.it.support.LeastRoles;
import dev.diundashboard.it.support.MicroServer;
import dev.diundashboard.it.support.RequiresChromium;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sign-in with OpenID Connect against a real Keycloak, in Debian's Chromium: the real login form, the
 * role each user's groups give (the admin's group renamed by OIDC_ADMIN_GROUPS), a user in no mapped
 * group refused with a page that says so, PKCE (the client requires it), the role matrix over every
 * OpenAPI operation from each signed-in browser, API tokens beside it, and sign-out at the provider.
 */
@RequiresChromium
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OidcKeycloakIT {

    private static final String REALM = "diun";
    private static final String CLIENT = "diun-dashboard";
    private static final String CLIENT_SECRET = "oidc-it-client-secret-not-for-production";
    private static final Keycloak.User VIEWER = new Keycloak.User("vera", "vera-password-it", List.of("diun-viewer"));
    private static final Keycloak.User OPERATOR =
            new Keycloak.User("otto", "otto-password-it", List.of("diun-operator", "staff"));
    private static final Keycloak.User ADMIN = new Keycloak.User("ada", "ada-password-it", List.of("ops-admins"));
    private static final Keycloak.User STRANGER = new Keycloak.User("sam", "sam-password-it", List.of("staff"));

    private static Keycloak keycloak;
    private static MicroServer server;
    private static String app;
    private static Browser browser;
    private static long updateId;

    @BeforeAll
    static void start() throws Exception {
        Instant begun = Instant.now();
        keycloak = Keycloak.start();
        Duration keycloakStart = Duration.between(begun, Instant.now());
        Path data = Files.createTempDirectory(
                Files.createDirectories(Path.of(System.getProperty("diun.it.work", "target/it"))), "oidc-");
        server = MicroServer.start(
                "oidc",
                port -> Map.of(
                        "DB_PATH",
                        data.resolve("diun.db").toString(),
                        "WEBHOOK_SECRET",
                        System.getProperty("diun.it.webhook-secret"),
                        "DASHBOARD_URL",
                        "http://127.0.0.1:" + port,
                        "OIDC_ISSUER",
                        keycloak.issuer(REALM),
                        "OIDC_CLIENT_ID",
                        CLIENT,
                        "OIDC_CLIENT_SECRET",
                        CLIENT_SECRET,
                        "OIDC_ADMIN_GROUPS",
                        "ops-admins, platform-team"));
        app = "http://127.0.0.1:" + server.port;
        keycloak.createRealm(
                REALM,
                CLIENT,
                CLIENT_SECRET,
                app,
                List.of("diun-viewer", "diun-operator", "ops-admins", "staff"),
                List.of(VIEWER, OPERATOR, ADMIN, STRANGER));
        System.out.printf(
                "Keycloak answered discovery %d s after its start, RSS %d MiB%n",
                keycloakStart.toSeconds(), keycloak.rssMiB());
        updateId = Api.idOf(new Api(URI.create(app + "/").toURL())
                .webhook(
                        json(diun("oidc-host", "docker.io/library/nginx:oidc", "sha256:oidc")),
                        "Bearer " + System.getProperty("diun.it.webhook-secret")));
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    /** Redirects through Keycloak take their time on a loaded 2-core machine. */
    private static final PageAssertions.HasURLOptions SLOW = new PageAssertions.HasURLOptions().setTimeout(60_000);

    /** A URL pattern Playwright can pass on to the browser (JavaScript knows no \\Q…\\E). */
    private static Pattern startingWith(String prefix) {
        return Pattern.compile("^" + prefix.replaceAll("[.?*+^$|(){}\\[\\]\\\\/]", "\\\\$0"));
    }

    /**
     * Opens the dashboard, signs in on Keycloak's own form, and returns on the dashboard (on the
     * refusal page for a user without a role).
     */
    private static Page signIn(BrowserContext context, Keycloak.User user) {
        Page page = context.newPage();
        page.setDefaultTimeout(60_000);
        page.navigate(app + "/");
        assertThat(page).hasURL(startingWith(keycloak.issuer(REALM) + "/"), SLOW);
        page.locator("#username").fill(user.name());
        page.locator("#password").fill(user.password());
        page.locator("#kc-login").click();
        if (user == STRANGER) {
            assertThat(page).hasURL(startingWith(app + "/oidc/callback?"), SLOW);
        } else {
            assertThat(page).hasURL(app + "/", SLOW);
            page.waitForLoadState();
        }
        return page;
    }

    private static JsonObject session(Page page) {
        return Json.createReader(new StringReader((String)
                        page.evaluate("async () => JSON.stringify(await (await fetch('/api/session')).json())")))
                .readObject();
    }

    /**
     * A call from the signed-in page itself: its session cookie and CSRF token. A redirect is not
     * followed (status 0): the sign-in page sends the browser on to Keycloak.
     */
    private static int fetchStatus(Page page, String method, String path, String body) {
        return ((Number) page.evaluate(
                        "async ([method, path, body]) => {"
                                + " const csrf = (document.cookie.match(/diun_csrf=([^;]+)/) || [])[1];"
                                + " const headers = {'Content-Type': 'application/json', 'X-Requested-With': 'diun-dashboard'};"
                                + " if (csrf) headers['X-CSRF-Token'] = decodeURIComponent(csrf);"
                                + " const controller = new AbortController();"
                                + " const r = await fetch(path, {method, headers, body: body === null ? undefined : body, redirect: 'manual', signal: controller.signal});"
                                + " controller.abort(); return r.status; }",
                        java.util.Arrays.asList(method, path, body)))
                .intValue();
    }

    @Test
    @Order(1)
    void aViewerSignsInThroughKeycloakWithPkceAndSeesButCannotChange() {
        try (BrowserContext context = browser.context(1280, 900, "light")) {
            List<String> authorizations = new CopyOnWriteArrayList<>();
            context.onRequest((Request r) -> {
                if (r.url().startsWith(keycloak.issuer(REALM) + "/protocol/openid-connect/auth")) {
                    authorizations.add(r.url());
                }
            });
            Page page = signIn(context, VIEWER);
            assertThat(page.locator("body")).hasAttribute("data-role", "viewer");
            assertThat(authorizations).hasSize(1);
            assertThat(authorizations.get(0))
                    .contains("code_challenge_method=S256")
                    .contains("code_challenge=");

            JsonObject session = session(page);
            assertThat(session.getString("user")).isEqualTo("vera");
            assertThat(session.getString("role")).isEqualTo("viewer");
            assertThat(session.getString("mode")).isEqualTo("oidc");

            Locator row = page.locator(".row").first();
            assertThat(row.locator(".repo")).containsText("nginx");
            for (String action : List.of(".ack", ".delete", ".snooze", ".assign", ".select")) {
                assertThat(row.locator(action)).isHidden();
            }
            assertThat(page.locator("#open-channels")).isHidden();
            assertThat(fetchStatus(page, "POST", "/api/updates/" + updateId + "/acknowledge", null))
                    .isEqualTo(403);
            System.out.println("vera (viewer): sees the update, no action buttons, acknowledge refused 403");
        }
    }

    @Test
    @Order(2)
    void anOperatorAcknowledgesButManagesNothingAndTheAuditNamesTheRole() {
        try (BrowserContext context = browser.context(1280, 900, "light")) {
            Page page = signIn(context, OPERATOR);
            assertThat(page.locator("body")).hasAttribute("data-role", "operator");
            assertThat(session(page).getString("role")).isEqualTo("operator");
            Locator row = page.locator(".row").first();
            assertThat(row.locator(".ack")).isVisible();
            assertThat(page.locator("#open-channels")).isHidden();
            row.locator(".ack").click();
            assertThat(page.locator(".row .ack")).hasCount(0);
            assertThat(fetchStatus(page, "POST", "/api/tags", "{\"name\": \"oidc\"}"))
                    .isEqualTo(403);
            String audit = (String)
                    page.evaluate("async () => JSON.stringify(await (await fetch('/api/audit?limit=1')).json())");
            JsonObject entry = Json.createReader(new StringReader(audit))
                    .readObject()
                    .getJsonArray("items")
                    .getJsonObject(0);
            assertThat(entry.getString("actor")).isEqualTo("otto");
            assertThat(entry.getString("role")).isEqualTo("operator");
            System.out.println("otto (operator): acknowledged the update in the page; creating a tag refused 403");
        }
    }

    @Test
    @Order(3)
    void theAdminGroupIsTheConfiguredOneAndEveryOperationAnswersEachRoleAsWrittenDown() throws Exception {
        Api anonymous = new Api(URI.create(app + "/").toURL());
        List<String> operations =
                LeastRoles.operations(anonymous.get("/openapi?format=JSON").json());
        assertThat(operations).allMatch(LeastRoles.OF_OPERATION::containsKey);

        List<String> unexpected = new ArrayList<>();
        for (Keycloak.User user : List.of(VIEWER, OPERATOR, ADMIN)) {
            try (BrowserContext context = browser.context(1280, 900, "light")) {
                Page page = signIn(context, user);
                String role = session(page).getString("role");
                assertThat(role).isEqualTo(user == VIEWER ? "viewer" : user == OPERATOR ? "operator" : "admin");
                unexpected.addAll(LeastRoles.unexpected(
                        operations, user.name(), role, (method, path, body) -> fetchStatus(page, method, path, body)));
            }
        }
        long checked = 3
                * operations.stream()
                        .filter(o -> !o.endsWith(" /webhook") && !o.endsWith(" /api/stream"))
                        .count();
        for (String operation : operations) {
            String path = operation.substring(operation.indexOf(' ') + 1);
            if (LeastRoles.OF_OPERATION.get(operation).equals("anyone") || path.equals("/api/stream")) {
                continue;
            }
            String method = operation.substring(0, operation.indexOf(' '));
            int status =
                    anonymous.send(method, LeastRoles.probe(path), null, null).status();
            checked++;
            if (status != 401) {
                unexpected.add(operation + " without a session: " + status);
            }
        }
        System.out.println("OIDC role matrix: " + checked + " answers, " + unexpected.size() + " unexpected");
        assertThat(unexpected).as("unexpected answers of " + checked).isEmpty();
    }

    @Test
    @Order(4)
    void scriptsUseApiTokensNotPasswords() throws Exception {
        try (BrowserContext context = browser.context(1280, 900, "light")) {
            Page page = signIn(context, ADMIN);
            String created = (String) page.evaluate(
                    "async () => { const csrf = decodeURIComponent(document.cookie.match(/diun_csrf=([^;]+)/)[1]);"
                            + " const r = await fetch('/api/api-tokens', {method: 'POST', headers: {'Content-Type':"
                            + " 'application/json', 'X-CSRF-Token': csrf}, body: JSON.stringify({name: 'script',"
                            + " scope: 'read'})}); return JSON.stringify(await r.json()); }");
            String token =
                    Json.createReader(new StringReader(created)).readObject().getString("token");
            Api script = new Api(URI.create(app + "/").toURL(), "Bearer " + token);
            assertThat(script.get("/api/summary").status()).isEqualTo(200);
            assertThat(script.post("/api/updates/" + updateId + "/acknowledge", null)
                            .status())
                    .isEqualTo(403);
        }
        Api basic = new Api(URI.create(app + "/").toURL(), Api.basic("ada", ADMIN.password()));
        Api.Reply refused = basic.get("/api/summary");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).contains("API token");
    }

    @Test
    @Order(5)
    void aUserInNoMappedGroupIsRefusedWithAPageThatSaysSo() {
        try (BrowserContext context = browser.context(1280, 900, "light")) {
            Page page = signIn(context, STRANGER);
            assertThat(page.locator("h1")).hasText("No access");
            assertThat(page.locator("#message")).containsText("sam is signed in at the identity provider");
            assertThat(page.locator("#message")).containsText("ops-admins");
            assertThat(page.locator("body")).not().containsText("Exception");
            assertThat(fetchStatus(page, "GET", "/api/summary", null)).isEqualTo(401);
        }
    }

    @Test
    @Order(6)
    void signingOutEndsTheSessionHereAndAtKeycloak() {
        try (BrowserContext context = browser.context(1280, 900, "light")) {
            Page page = signIn(context, OPERATOR);
            assertThat(page.locator("body")).hasAttribute("data-role", "operator");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out otto"))
                    .click();
            assertThat(page).hasURL(app + "/login?signedOut", SLOW);
            assertThat(page.locator("h1")).hasText("Signed out");
            assertThat(fetchStatus(page, "GET", "/api/summary", null)).isEqualTo(401);
            // Keycloak's session is gone too: the dashboard sends the browser to its login form again.
            page.navigate(app + "/");
            assertThat(page).hasURL(startingWith(keycloak.issuer(REALM) + "/"), SLOW);
            assertThat(page.locator("#kc-login")).isVisible();
        }
    }
}
