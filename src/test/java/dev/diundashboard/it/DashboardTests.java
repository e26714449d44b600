package dev.diundashboard.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.diundashboard.it.support.Notifications.diun;
import static dev.diundashboard.it.support.Notifications.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.diundashboard.it.support.Api;
import dev.diundashboard.it.support.ArquillianNested;
import dev.diundashboard.it.support.Browser;
import dev.diundashboard.it.support.Notifications;
import dev.diundashboard.it.support.Receiver;
import jakarta.json.Json;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator does on the page, in headless Chromium against the real WAR, written once and
 * run on each backend. The deployment starts on an empty database, so the empty state comes first.
 *
 * <p>One nested class per feature; the classes run in their {@link Order} and the tests in each in
 * theirs, which keeps the order of a single sequence (1 to 16): the empty state first, the screenshots,
 * which delete every update, last. {@link ArquillianNested} injects the deployment's URL into this
 * class for the tests of the nested classes.
 */
@ExtendWith({ArquillianExtension.class, ArquillianNested.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
abstract class DashboardTests {

    private static Browser browser;

    @ArquillianResource
    URL base;

    Api api;
    String host;
    BrowserContext context;
    Page page;
    final List<String> dialogs = new ArrayList<>();

    abstract String backendName();

    @BeforeAll
    static void launch() {
        browser = new Browser();
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    static final String USER = System.getProperty("diun.it.dashboard-user");
    static final String PASSWORD = System.getProperty("diun.it.dashboard-password");

    @BeforeEach
    void open() {
        api = new Api(base, Api.basic(USER, PASSWORD));
        host = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        context = browser.context(1280, 900, "light");
        page = context.newPage();
        page.onDialog(dialog -> {
            dialogs.add(dialog.message());
            dialog.dismiss();
        });
        logIn(page);
    }

    void logIn(Page p) {
        p.navigate(url(""));
        assertThat(p).hasURL(java.util.regex.Pattern.compile(".*/login$"));
        p.getByLabel("User name").fill(USER);
        p.getByLabel("Password").fill(PASSWORD);
        p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
                .click();
        assertThat(p.locator("h1")).hasText("DiunDashboard");
        assertThat(p.locator("#live")).hasText("Live");
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    String url(String query) {
        return api.url("/" + (query.isEmpty() ? "" : "?" + query));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The browser deployments run with WEBHOOK_SECRET set, as a protected installation would. */
    static final String SECRET = System.getProperty("diun.it.webhook-secret");

    Api.Reply hook(String body) {
        return api.webhook(body, "Bearer " + SECRET);
    }

    void send(String image, String digest) {
        assertThat(hook(json(diun(host, image, digest))).status()).isEqualTo(200);
    }

    Locator row(String image) {
        return page.locator("li.row").filter(new Locator.FilterOptions().setHasText(image));
    }

    void waitUntilLive() {
        assertThat(page.locator("#live")).hasText("Live");
    }

    /** The empty state (first: the deployment starts on an empty database), the secret, live arrival. */
    @Nested
    @Order(1)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Webhook {

        @Test
        @Order(1)
        void emptyDatabaseShowsTheWebhookUrlAndACopyableDiunSnippet() {
            page.navigate(url(""));

            assertThat(page.locator("#empty")).isVisible();
            assertThat(page.locator("#webhook-url")).hasText(api.url("/webhook"));
            assertThat(page.locator("#diun-snippet")).containsText("endpoint: " + api.url("/webhook"));
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy diun.yml snippet")))
                    .isVisible();
        }

        @Test
        @Order(2)
        void theWebhookSecretIsRequiredInEitherHeaderForm() {
            String body = json(diun(host, "docker.io/library/secret:1", "sha256:1"));

            assertThat(api.webhook(body).status()).isEqualTo(401);
            assertThat(api.webhook(body, "Bearer wrong").status()).isEqualTo(401);
            assertThat(api.webhook(body, SECRET).status()).isEqualTo(200);
            assertThat(api.webhook(body, "Bearer " + SECRET).status()).isEqualTo(200);
            assertThat(api.get("/api/updates?host=" + enc(host)).json().getInt("total"))
                    .isEqualTo(1);
        }

        @Test
        @Order(3)
        void aNotificationAppearsLiveWithoutAReload() {
            page.navigate(url("host=" + enc(host)));
            waitUntilLive();
            page.evaluate("() => { window.__sameDocument = true; }");

            send("docker.io/library/nginx:1.27", "sha256:live");

            assertThat(row("docker.io/library/nginx")).isVisible();
            assertThat(row("docker.io/library/nginx").locator(".tagname")).hasText(":1.27");
            assertThat(row("docker.io/library/nginx").locator(".repo")).hasText("docker.io/library/nginx");
            assertThat(row("docker.io/library/nginx").locator(".ago")).hasText("just now");
            assertThat(row("docker.io/library/nginx").locator("a.hub"))
                    .hasAttribute("href", "https://hub.docker.com/_/nginx");
            assertThat(page.evaluate("() => window.__sameDocument === true")).isEqualTo(true);
            assertThat(page.locator("#empty")).isHidden();
        }
    }

    /** Acknowledge and re-open one update; bulk acknowledge the selected and all matching. */
    @Nested
    @Order(2)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Acknowledgement {

        @Test
        @Order(4)
        void acknowledgeAndReopenOneUpdate() {
            send("docker.io/library/redis:7", "sha256:1");
            page.navigate(url("state=all&host=" + enc(host)));

            row("redis")
                    .getByRole(
                            AriaRole.BUTTON,
                            new Locator.GetByRoleOptions().setName("Acknowledge docker.io/library/redis:7 on " + host))
                    .click();
            assertThat(page.locator("section[data-state=acknowledged] li.row")).hasCount(1);
            assertThat(page.locator("section[data-state=pending]")).hasCount(0);

            row("redis")
                    .getByRole(
                            AriaRole.BUTTON,
                            new Locator.GetByRoleOptions().setName("Re-open docker.io/library/redis:7 on " + host))
                    .click();
            assertThat(page.locator("section[data-state=pending] li.row")).hasCount(1);
            assertThat(api.get("/api/updates?host=" + enc(host) + "&state=pending")
                            .json()
                            .getInt("total"))
                    .isEqualTo(1);
        }

        @Test
        @Order(5)
        void bulkAcknowledgeSelectedAndAllMatching() {
            for (String name : List.of("a", "b", "c", "d")) {
                send("docker.io/library/" + name + ":1", "sha256:1");
            }
            page.navigate(url("host=" + enc(host)));
            assertThat(page.locator("li.row")).hasCount(4);

            page.getByLabel("Select docker.io/library/a:1 on " + host).check();
            page.getByLabel("Select docker.io/library/b:1 on " + host).check();
            assertThat(page.locator("#bulk-count")).hasText("2 selected.");
            page.locator("#bulk-ack").click();
            assertThat(page.locator("li.row")).hasCount(2);

            page.getByLabel("Select docker.io/library/c:1 on " + host).check();
            page.locator("#select-matching").click();
            assertThat(page.locator("#bulk-count")).containsText("All 2 pending");
            page.locator("#bulk-ack").click();
            assertThat(page.locator("#no-match")).isVisible();
            assertThat(api.get("/api/updates?host=" + enc(host) + "&state=acknowledged")
                            .json()
                            .getInt("total"))
                    .isEqualTo(4);
        }
    }

    /** Create, assign, filter by, rename and delete tags. */
    @Nested
    @Order(3)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Tags {

        @Test
        @Order(6)
        void createATagAssignItFromTheRowAndFilterByIt() {
            send("docker.io/library/postgres:16", "sha256:1");
            send("docker.io/library/mysql:8", "sha256:1");
            String tag = host + "-db";
            page.navigate(url("host=" + enc(host)));

            page.locator("#open-tags").click();
            page.getByLabel("New tag").fill(tag);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create"))
                    .click();
            assertThat(page.locator("#tag-list")).containsText(tag);
            page.keyboard().press("Escape");

            row("postgres")
                    .getByLabel("Tag of docker.io/library/postgres:16 on " + host)
                    .selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(tag));
            assertThat(row("postgres").locator(".chip")).hasText(tag);

            page.locator("#filters select[name=tag]")
                    .selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(tag + " (1)"));
            assertThat(page.locator("li.row")).hasCount(1);
            assertThat(page.locator("li.row .image")).containsText("postgres");
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*tag=\\d+.*"));
        }

        @Test
        @Order(7)
        void renameAndDeleteATag() {
            String tag = host + "-old";
            api.post("/api/tags", "{\"name\": \"" + tag + "\"}");
            page.navigate(url(""));
            page.locator("#open-tags").click();

            page.getByLabel("Rename tag " + tag).click();
            page.getByLabel("New name for tag " + tag).fill(host + "-new");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save"))
                    .click();
            assertThat(page.locator("#tag-list")).containsText(host + "-new");

            page.getByLabel("Delete tag " + host + "-new").click();
            assertThat(page.locator("#tag-list")).not().containsText(host + "-new");
        }
    }

    /** Filters in the URL, the history dialog, and deleting an update. */
    @Nested
    @Order(4)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class UpdateList {

        @Test
        @Order(8)
        void filtersLiveInTheUrlAndSurviveAReload() {
            send("docker.io/library/nginx:1", "sha256:1");
            send("docker.io/library/httpd:2", "sha256:1");
            page.navigate(url("host=" + enc(host)));
            assertThat(page.locator("li.row")).hasCount(2);

            page.locator("#filters select[name=state]").selectOption("all");
            page.getByLabel("Search images").fill("HTTPD");
            assertThat(page.locator("li.row")).hasCount(1);
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*q=HTTPD.*"));

            page.reload();

            assertThat(page.getByLabel("Search images")).hasValue("HTTPD");
            assertThat(page.locator("#filters select[name=state]")).hasValue("all");
            assertThat(page.locator("#filters select[name=host]")).hasValue(host);
            assertThat(page.locator("li.row")).hasCount(1);
            assertThat(page.locator("li.row .image")).containsText("httpd");
        }

        @Test
        @Order(9)
        void historyShowsEveryNotificationWithItsPrettyPayload() {
            send("docker.io/library/traefik:3", "sha256:first");
            send("docker.io/library/traefik:3", "sha256:second");
            page.navigate(url("host=" + enc(host)));

            row("traefik")
                    .getByRole(
                            AriaRole.BUTTON,
                            new Locator.GetByRoleOptions().setName("History of docker.io/library/traefik:3 on " + host))
                    .click();

            Locator events = page.locator("#history-events > li");
            assertThat(events).hasCount(2);
            assertThat(events.nth(0)).containsText("sha256:second");
            assertThat(events.nth(1)).containsText("sha256:first");
            String payload = events.nth(0).locator("pre").textContent();
            assertThat(payload).contains("\n  \"digest\": \"sha256:second\"", "\"ctn_names\": \"web\"");
            page.keyboard().press("Escape");
            assertThat(page.locator("#history")).isHidden();
        }

        @Test
        @Order(9)
        void historyShowsTheNewestTwentyEventsAndOlderOnesOnDemand() {
            for (int i = 1; i <= 23; i++) {
                send("docker.io/library/caddy:2", "sha256:c" + i);
            }
            page.navigate(url("host=" + enc(host)));

            row("caddy").locator("button.history").click();

            Locator events = page.locator("#history-events > li");
            assertThat(events).hasCount(20);
            assertThat(events.nth(0)).containsText("sha256:c23");
            assertThat(events.nth(19).locator(".changes")).hasText("Older events not loaded");
            Locator older = page.locator("#history-older");
            assertThat(older).hasText("Show older events (3 more)");
            older.click();
            assertThat(events).hasCount(23);
            assertThat(events.nth(22)).containsText("sha256:c1");
            assertThat(events.nth(19).locator(".changes")).hasText("digest: sha256:c3 → sha256:c4");
            assertThat(events.nth(22).locator(".changes")).hasText("First seen");
            assertThat(older).isHidden();
            page.keyboard().press("Escape");
        }

        @Test
        @Order(9)
        void historySaysWhatEachEventChangedAndKeepsThePayloadBehindAToggle() {
            String a = "sha256:" + "a".repeat(64);
            String b = "sha256:" + "b".repeat(64);
            send("docker.io/library/gitea:1", a);
            send("docker.io/library/gitea:1", b);
            String exited = json(diun(host, "docker.io/library/gitea:1", b)
                    .add(
                            "metadata",
                            Json.createObjectBuilder()
                                    .add("ctn_names", "web")
                                    .add("ctn_state", "exited")
                                    .add("compose_project", "home")));
            assertThat(hook(exited).status()).isEqualTo(200);
            page.navigate(url("host=" + enc(host)));

            row("gitea").locator("button.history").click();

            Locator events = page.locator("#history-events > li");
            assertThat(events).hasCount(3);
            assertThat(events.nth(0).locator(".changes"))
                    .hasText("metadata: ctn_state running → exited, +compose_project, \u2212ctn_id");
            assertThat(events.nth(1).locator(".changes"))
                    .hasText("digest: sha256:aaaaaaaaaaaa… → sha256:bbbbbbbbbbbb…");
            assertThat(events.nth(1).locator(".changes code").first()).hasAttribute("title", a);
            assertThat(events.nth(1).locator(".changes code").last()).hasAttribute("title", b);
            assertThat(events.nth(2).locator(".changes")).hasText("First seen");

            Locator newest = events.nth(0).locator("details.raw");
            assertThat(newest.locator("pre")).isHidden();
            newest.getByText("Raw payload").click();
            assertThat(newest.locator("pre")).isVisible();
            assertThat(newest.locator("pre")).containsText("\"ctn_state\": \"exited\"");
            assertThat(newest.locator("button.copy"))
                    .hasCount(Boolean.TRUE.equals(page.evaluate("() => !!navigator.clipboard")) ? 1 : 0);
            assertThat(events.nth(1).locator("pre")).isHidden();
            page.keyboard().press("Escape");
        }

        @Test
        @Order(10)
        void deleteAsksForConfirmationFirst() {
            send("docker.io/library/memcached:1", "sha256:1");
            page.navigate(url("host=" + enc(host)));

            row("memcached")
                    .getByRole(
                            AriaRole.BUTTON,
                            new Locator.GetByRoleOptions().setName("Delete docker.io/library/memcached:1 on " + host))
                    .click();
            page.locator("#confirm")
                    .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel"))
                    .click();
            assertThat(page.locator("li.row")).hasCount(1);

            row("memcached")
                    .getByRole(
                            AriaRole.BUTTON,
                            new Locator.GetByRoleOptions().setName("Delete docker.io/library/memcached:1 on " + host))
                    .click();
            page.locator("#confirm-ok").click();
            assertThat(page.locator("li.row")).hasCount(0);
            assertThat(api.get("/api/updates?host=" + enc(host)).json().getInt("total"))
                    .isZero();
        }

        @Test
        @Order(10)
        void groupByStackShowsCountsAndAcknowledgesOneGroup() {
            for (String[] app : new String[][] {{"sonarr", "media"}, {"radarr", "media"}, {"postgres", "db"}}) {
                assertThat(hook(json(diun(host, "docker.io/library/" + app[0] + ":1", "sha256:1")
                                        .add(
                                                "metadata",
                                                jakarta.json.Json.createObjectBuilder()
                                                        .add("stack", app[1]))))
                                .status())
                        .isEqualTo(200);
            }
            send("docker.io/library/nginx:1", "sha256:1");
            page.navigate(url("host=" + enc(host)));

            page.locator("#filters select[name=group]").selectOption("stack");
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*group=stack.*"));
            assertThat(page.locator(".group-head h3"))
                    .containsText(new String[] {"db (1)", "media (2)", "(no stack) (1)"});
            assertThat(row("sonarr").locator(".stack-link")).hasText("stack media");

            page.getByLabel("Acknowledge the 2 pending updates of stack media").click();
            assertThat(page.locator("li.row")).hasCount(2);
            assertThat(page.locator(".group-head h3")).containsText(new String[] {"db (1)", "(no stack) (1)"});
            page.reload();
            assertThat(page.locator("#filters select[name=group]")).hasValue("stack");
        }

        @Test
        @Order(10)
        void anIgnoreRuleFromTheDialogMovesMatchingRowsToIgnored() {
            send("docker.io/library/mariadb:11", "sha256:1");
            send("docker.io/library/redis:7", "sha256:1");
            page.navigate(url("host=" + enc(host)));

            page.locator("#open-rules").click();
            Locator newRule = page.locator("#new-rule");
            newRule.getByLabel("Image").fill("docker.io/library/mariadb");
            newRule.getByLabel("Host").fill(host);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add rule"))
                    .click();
            Locator rule = page.locator("#rule-list li").filter(new Locator.FilterOptions().setHasText(host));
            assertThat(rule).containsText("image docker.io/library/mariadb, host " + host + " (ignoring 1)");
            page.keyboard().press("Escape");
            assertThat(page.locator("li.row")).hasCount(1);
            assertThat(row("redis")).isVisible();

            page.locator("#filters select[name=state]").selectOption("ignored");
            assertThat(row("mariadb").locator(".ignored")).containsText("ignored by rule");

            page.locator("#open-rules").click();
            rule.getByRole(AriaRole.BUTTON).click();
            assertThat(rule).hasCount(0);
            page.keyboard().press("Escape");
            assertThat(page.locator("li.row")).hasCount(0);
        }

        @Test
        @Order(10)
        void snoozeFromTheRowAndUnsnoozeFromTheSnoozedList() {
            send("docker.io/library/valkey:8", "sha256:1");
            page.navigate(url("host=" + enc(host)));

            row("valkey")
                    .getByLabel(
                            "Snooze docker.io/library/valkey:8 on " + host,
                            new Locator.GetByLabelOptions().setExact(true))
                    .selectOption("7");
            assertThat(page.locator("li.row")).hasCount(0);
            page.locator("#filters select[name=state]").selectOption("snoozed");
            assertThat(row("valkey").locator(".snoozed")).isVisible();
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*state=snoozed.*"));
            row("valkey")
                    .getByRole(
                            AriaRole.BUTTON,
                            new Locator.GetByRoleOptions().setName("Unsnooze docker.io/library/valkey:8 on " + host))
                    .click();
            assertThat(page.locator("li.row")).hasCount(0);
            page.locator("#filters select[name=state]").selectOption("pending");
            assertThat(page.locator("li.row")).hasCount(1);
            assertThat(row("valkey").locator(".snoozed")).isHidden();
        }

        @Test
        @Order(10)
        void theTestNotificationConfirmsDiunAndReleaseNotesAreOneClickAway() {
            assertThat(hook(Notifications.testNotification(host).toString()).status())
                    .isEqualTo(200);
            send("ghcr.io/linuxserver/sonarr:4.0.10.2544-ls250", "sha256:1");
            page.navigate(url("host=" + enc(host)));

            assertThat(page.locator("#test-seen")).containsText("Diun on " + host + " reached the dashboard");
            assertThat(page.locator("li.row")).hasCount(1);
            assertThat(row("sonarr").locator(".notes"))
                    .hasAttribute(
                            "href", "https://github.com/linuxserver/docker-sonarr/releases/tag/4.0.10.2544-ls250");
            assertThat(row("sonarr").getByLabel("Release notes of ghcr.io/linuxserver/sonarr:4.0.10.2544-ls250"))
                    .isVisible();
        }

        @Test
        @Order(10)
        void aReleaseNotesTemplateFromTheDialogLinksTheRowsItMatches() {
            String repository = "registry.example.com/" + host + "/app";
            assertThat(hook(json(diun(host, repository + ":1.4.2", "sha256:1").add("hub_link", "")))
                            .status())
                    .isEqualTo(200);
            page.navigate(url("host=" + enc(host)));
            assertThat(row("app").locator(".notes")).isHidden();

            page.locator("#open-links").click();
            Locator form = page.locator("#new-link");
            form.getByLabel("Image").fill("registry.example.com/" + host + "/*");
            form.getByLabel("Template").fill("javascript:alert(1)");
            form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add link"))
                    .click();
            assertThat(page.locator("#toast")).containsText("must start with http:// or https://");
            form.getByLabel("Template").fill("https://git.example.com/{owner}/{repo}/releases/tag/v{version}");
            form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add link"))
                    .click();
            Locator link = page.locator("#link-list li").filter(new Locator.FilterOptions().setHasText(host));
            assertThat(link).containsText("registry.example.com/" + host + "/* → https://git.example.com/");
            page.keyboard().press("Escape");

            assertThat(row("app").getByLabel("Release notes of " + repository + ":1.4.2"))
                    .hasAttribute("href", "https://git.example.com/" + host + "/app/releases/tag/v1.4.2");

            page.locator("#open-links").click();
            link.getByRole(AriaRole.BUTTON).click();
            assertThat(link).hasCount(0);
            page.keyboard().press("Escape");
            assertThat(row("app").locator(".notes")).isHidden();
        }

        @Test
        @Order(10)
        void aHostNameFromTheDialogShowsOnRowsAndGroupsAndMetadataReadsFriendly() {
            String podStatus = "&PodStatus{Phase:Running,Conditions:[]PodCondition{" + "x".repeat(2000) + "}}";
            assertThat(hook(json(diun(host, "registry.k8s.io/coredns/coredns:v1.11.3", "sha256:1")
                                    .add("provider", "kubernetes")
                                    .add(
                                            "metadata",
                                            jakarta.json.Json.createObjectBuilder()
                                                    .add("pod_namespace", "kube-system")
                                                    .add("pod_status", podStatus))))
                            .status())
                    .isEqualTo(200);
            page.navigate(url("host=" + enc(host) + "&group=host"));

            page.locator("#open-hosts").click();
            Locator entry = page.locator("#host-list li").filter(new Locator.FilterOptions().setHasText(host));
            entry.getByLabel("Name to show for " + host).fill("Cluster one");
            entry.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save the name of " + host))
                    .click();
            // Saving re-derives every stored update (the alias is copied to each): on SQLite under load
            // this has taken longer than the default 5 s.
            assertThat(entry.getByRole(
                            AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove the name of " + host)))
                    .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                            .setTimeout(20_000));
            page.keyboard().press("Escape");

            Locator coredns = row("coredns");
            assertThat(coredns.locator(".host")).hasText("Cluster one");
            assertThat(coredns.locator(".host")).hasAttribute("title", "Hostname sent by Diun: " + host);
            assertThat(page.locator(".group-head h3")).hasText("Cluster one (1)");
            assertThat(page.locator("#filters select[name=host] option:checked"))
                    .containsText("Cluster one — " + host);

            coredns.locator(".facts summary").click();
            assertThat(coredns.locator(".fact-list dt")).hasText(new String[] {"Namespace", "Pod status"});
            Locator status = coredns.locator(".fact-list dd").nth(1);
            assertThat(status).hasText(podStatus.substring(0, 119) + "…");
            assertThat(status)
                    .hasAttribute("title", java.util.regex.Pattern.compile("Shortened from 2053 characters.*"));

            page.locator("#open-hosts").click();
            entry.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove the name of " + host))
                    .click();
            page.keyboard().press("Escape");
            assertThat(coredns.locator(".host")).hasText(host);
        }

        @Test
        @Order(10)
        void aChannelFromTheDialogSendsATestAndAFailedDeliveryIsRetriedFromThePage() throws Exception {
            try (Receiver target = new Receiver()) {
                target.answer(500, "broken", Map.of());
                page.navigate(url("host=" + enc(host)));
                page.locator("#open-channels").click();
                Locator form = page.locator("#channel-form");
                form.getByLabel("Name").fill("hook " + host);
                form.getByLabel("Type").selectOption("webhook");
                form.getByLabel("Mode").selectOption("each");
                assertThat(form.getByLabel("Window (seconds)")).isHidden();
                form.getByLabel("URL").fill(target.url("/ui"));
                form.getByLabel("Headers").fill("X-Key: s3cret");
                form.getByLabel("Only host").fill(host);
                form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add channel"))
                        .click();
                Locator entry =
                        page.locator("#channel-list li").filter(new Locator.FilterOptions().setHasText("hook " + host));
                assertThat(entry).containsText("hook " + host + " — webhook, each update, only host " + host);

                entry.getByRole(
                                AriaRole.BUTTON,
                                new Locator.GetByRoleOptions().setName("Send a test message to hook " + host))
                        .click();
                assertThat(entry.locator(".answer")).hasText("Not delivered: 500 broken");
                assertThat(target.next(Duration.ofSeconds(10)).headers()).containsEntry("x-key", "s3cret");

                for (int i = 0; i < 3; i++) {
                    target.answer(500, "still broken", Map.of());
                }
                send("docker.io/library/traefik:3.2", "sha256:1");
                for (int i = 0; i < 3; i++) {
                    target.next(Duration.ofSeconds(20));
                }
                page.keyboard().press("Escape");
                page.waitForTimeout(1000); // the third answer is recorded after it arrived
                page.locator("#open-channels").click();
                Locator failed =
                        page.locator("#failed-list li").filter(new Locator.FilterOptions().setHasText("hook " + host));
                assertThat(failed).containsText("3 attempts");
                assertThat(failed.locator(".answer")).hasText("Answer: 500 still broken");
                failed.getByRole(AriaRole.BUTTON).click();
                assertThat(failed).hasCount(0);
                org.assertj.core.api.Assertions.assertThat(
                                target.next(Duration.ofSeconds(20)).body())
                        .contains("docker.io/library/traefik:3.2");

                entry.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete channel hook " + host))
                        .click();
                assertThat(entry).hasCount(0);
            }
        }

        @Test
        @Order(10)
        void eachRowSaysWhatChangedAndTheJumpFilterLivesInTheUrl() {
            String a = "sha256:" + "a".repeat(64);
            String b = "sha256:" + "b".repeat(64);
            send("docker.io/library/nginx:1.27.2", a);
            send("docker.io/library/nginx:1.27.3", a);
            send("docker.io/library/redis:latest", a);
            send("docker.io/library/redis:latest", b);
            page.navigate(url("host=" + enc(host)));

            assertThat(row("nginx:1.27.3").locator(".jump-text")).hasText("1.27.2 → 1.27.3");
            assertThat(row("nginx:1.27.3").locator(".jump-class")).hasText("patch");
            assertThat(row("nginx:1.27.2").locator(".jump")).isHidden();
            Locator redis = row("redis:latest");
            assertThat(redis.locator(".jump-class")).hasText("digest update");
            assertThat(redis.locator(".kind")).hasText("Multi-platform index");
            assertThat(redis.locator(".digest")).hasText("sha256:bbbbbbbbbbbb…");
            assertThat(redis.locator(".digest")).hasAttribute("title", b);
            assertThat(redis.locator(".previous")).hasAttribute("title", a);
            assertThat(row("nginx:1.27.3").locator(".was")).isHidden();
            assertThat(redis.locator(".built")).containsText("built ");
            assertThat(redis.locator(".built-at")).hasAttribute("datetime", "2024-05-01T08:20:30.123456Z");
            assertThat(redis.locator(".maturity")).hasText("mature"); // MATURITY_DAYS=30, built in 2024

            page.locator("#filters select[name=class]").selectOption("patch");
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*class=patch.*"));
            assertThat(page.locator("li.row")).hasCount(1);
            page.reload();
            assertThat(page.locator("#filters select[name=class]")).hasValue("patch");
            assertThat(page.locator("li.row")).hasCount(1);
            assertThat(page.locator("li.row .image")).containsText("nginx:1.27.3");
        }
    }

    /** Markup stays inert text; login, the session cookie and the CSRF token. */
    @Nested
    @Order(5)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Security {

        @Test
        @Order(11)
        void markupInNotificationsStaysInertText() {
            String image = "docker.io/evil/<img src=x onerror=\"window.__xss=1;alert(1)\">:latest";
            String body = diun(host, image, "sha256:x")
                    .add("platform", "<script>window.__xss=2;alert(2)</script>")
                    .add("hub_link", "javascript:alert(3)")
                    .add("metadata", Json.createObjectBuilder().add("ctn_names", "<img src=x onerror=alert(4)>"))
                    .build()
                    .toString();
            assertThat(hook(body).status()).isEqualTo(200);
            page.navigate(url("host=" + enc(host)));

            assertThat(page.locator("li.row .image")).containsText("<img src=x onerror=");
            assertThat(page.locator("li.row .platform")).hasText("<script>window.__xss=2;alert(2)</script>");
            assertThat(page.locator("li.row a.hub")).isHidden();
            page.locator("li.row button.history").click();
            assertThat(page.locator("#history-events pre")).containsText("<img src=x onerror=alert(4)>");

            assertThat(page.locator("#sections img, #history img, #sections script"))
                    .hasCount(0);
            assertThat(page.evaluate("() => window.__xss === undefined")).isEqualTo(true);
            assertThat(dialogs).isEmpty();
        }

        @Test
        @Order(12)
        void loginIsRequiredAndWrongPasswordsAreRefused() {
            try (BrowserContext fresh = browser.context(1280, 900, "light")) {
                Page p = fresh.newPage();
                p.navigate(url("state=all"));
                assertThat(p).hasURL(java.util.regex.Pattern.compile(".*/login$"));
                p.getByLabel("User name").fill(USER);
                p.getByLabel("Password").fill("wrong");
                p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
                        .click();
                assertThat(p.locator("#failed")).isVisible();
                assertThat(p).hasURL(java.util.regex.Pattern.compile(".*/login\\?failed$"));
            }
            Api anonymous = api.anonymous();
            Api.Reply refused = anonymous.get("/api/summary");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).startsWith("Basic");
            assertThat(refused.json().getString("error")).isEqualTo("unauthorized");
            assertThat(new Api(base, Api.basic(USER, "wrong"))
                            .get("/api/summary")
                            .status())
                    .isEqualTo(401);
            assertThat(api.get("/api/summary").status()).isEqualTo(200);
            assertThat(anonymous.get("/assets/app.js").status()).isEqualTo(200);
        }

        @Test
        @Order(12)
        void aViewerSeesTheUpdatesButNoActionAndTheApiRefusesThemAnyway() {
            send("docker.io/library/nginx:viewer", "sha256:v");
            page.navigate(url("host=" + enc(host)));
            Locator row = page.locator(".row").first();
            assertThat(row.locator(".ack")).isVisible();
            assertThat(page.locator("#open-channels")).isVisible();
            assertThat(page.locator("#open-tokens")).isVisible();
            String viewer = System.getProperty("diun.it.viewer-user");
            try (BrowserContext fresh = browser.context(1280, 900, "light")) {
                Page p = fresh.newPage();
                p.navigate(url("host=" + enc(host)));
                p.getByLabel("User name").fill(viewer);
                p.getByLabel("Password").fill(System.getProperty("diun.it.viewer-password"));
                p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
                        .click();
                p.navigate(url("host=" + enc(host)));
                Locator seen = p.locator(".row").first();
                assertThat(seen.locator(".repo")).containsText("nginx");
                assertThat(p.locator("body")).hasAttribute("data-role", "viewer");
                for (String action : List.of(".ack", ".delete", ".snooze", ".assign", ".select")) {
                    assertThat(seen.locator(action)).isHidden();
                }
                for (String dialog : List.of(
                        "#open-tags", "#open-rules", "#open-links", "#open-hosts", "#open-channels", "#open-tokens")) {
                    assertThat(p.locator(dialog)).isHidden();
                }
                assertThat(seen.locator(".history")).isVisible();
                Object refused = p.evaluate("async () => (await fetch('/api/updates/acknowledge', {method: 'POST',"
                        + " headers: {'Content-Type': 'application/json', 'X-CSRF-Token':"
                        + " decodeURIComponent(document.cookie.match(/diun_csrf=([^;]+)/)[1])},"
                        + " body: JSON.stringify({state: 'pending', host: '" + host + "'})})).status");
                assertThat(refused).isEqualTo(403);
                p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out " + viewer))
                        .click();
            }
        }

        @Test
        @Order(12)
        void anAdminCreatesUsesAndRevokesTokensInTheTokensDialog() {
            context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
            String bound = host + "-bound";
            String strictName = "<i>strict</i> " + host;
            String looseName = "loose " + host;
            String scriptName = "script " + host;
            try {
                page.navigate(url("host=" + enc(bound)));
                waitUntilLive();
                page.locator("#open-tokens").click();
                Locator dialog = page.locator("#tokens");
                assertThat(dialog).isVisible();
                Locator secret = page.locator("#token-secret");
                Locator secretValue = page.locator("#token-secret-value");
                Locator error = page.locator("#tokens-error");

                // The API's refusal shows in the dialog, in its own words.
                Locator webhookForm = page.locator("#new-webhook-token");
                webhookForm.getByLabel("Name").fill("past " + host);
                webhookForm.getByLabel("Expires (optional)").fill("2001-01-01T00:00");
                createIn(webhookForm, "Create webhook token");
                assertThat(error).hasText("Could not create the webhook token: expiresAt must be in the future");
                assertThat(secret).isHidden();

                // Bound to a host, only this host: the secret is shown once, with a copy button.
                webhookForm.getByLabel("Expires (optional)").fill("");
                webhookForm.getByLabel("Name").fill(strictName);
                assertThat(webhookForm.getByLabel("Only this host")).isDisabled();
                webhookForm.getByLabel("Host (optional)").fill(bound);
                webhookForm.getByLabel("Only this host").check();
                createIn(webhookForm, "Create webhook token");
                assertThat(secret).isVisible();
                assertThat(error).isHidden();
                assertThat(secret).containsText("Shown once");
                assertThat(secretValue).isFocused();
                String strict = secretValue.inputValue();
                assertThat(strict).startsWith("diun_").hasSizeGreaterThan(40);
                secret.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy token"))
                        .click();
                // The clipboard API needs a secure context (localhost or https); elsewhere the token is
                // selected for Ctrl+C, as the page's other copy buttons do.
                if (Boolean.TRUE.equals(page.evaluate("() => window.isSecureContext"))) {
                    assertThat(page.locator("#token-copied")).hasText("Copied to the clipboard.");
                    assertThat(page.evaluate("() => navigator.clipboard.readText()"))
                            .isEqualTo(strict);
                } else {
                    assertThat(page.locator("#token-copied")).hasText("Selected: press Ctrl+C to copy.");
                    assertThat(page.evaluate("() => { const i = document.activeElement;"
                                    + " return i.value.substring(i.selectionStart, i.selectionEnd); }"))
                            .as("the whole token selected in " + page.url())
                            .isEqualTo(strict);
                }
                Locator strictRow = tokenRow("webhook", strictName);
                assertThat(strictRow.locator(".tag-name")).hasText(strictName);
                assertThat(strictRow.locator(".token-host")).hasText("host " + bound + ", only this host");
                assertThat(strictRow.locator(".token-expires")).hasText("expires never");
                assertThat(strictRow.locator(".token-used")).hasText("last used never");
                assertThat(dialog.locator("i")).hasCount(0);

                // Only this host: another hostname is refused, its own is taken.
                Api.Reply refused =
                        api.webhook(json(diun(host, "docker.io/library/nginx:strict", "sha256:1")), "Bearer " + strict);
                assertThat(refused.status()).isEqualTo(403);
                assertThat(refused.json().getString("detail")).contains(bound);
                assertThat(api.webhook(
                                        json(diun(bound, "docker.io/library/nginx:strict", "sha256:1")),
                                        "Bearer " + strict)
                                .status())
                        .isEqualTo(200);

                // Bound without "only this host": a container id for a hostname is stored under the host.
                secret.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Done, hide it"))
                        .click();
                assertThat(secret).isHidden();
                webhookForm.getByLabel("Name").fill(looseName);
                webhookForm.getByLabel("Host (optional)").fill(bound);
                createIn(webhookForm, "Create webhook token");
                assertThat(page.locator("#token-secret-title")).hasText("New webhook token “" + looseName + "”");
                String loose = secretValue.inputValue();
                assertThat(loose).startsWith("diun_").isNotEqualTo(strict);
                assertThat(tokenRow("webhook", looseName).locator(".token-host"))
                        .hasText("host " + bound + ", any hostname stored under it");
                long stored = Api.idOf(api.webhook(
                        json(diun("3f9c2a71b0de", "docker.io/library/redis:loose", "sha256:2")), "Bearer " + loose));
                assertThat(api.get("/api/updates/" + stored).json().getString("hostname"))
                        .isEqualTo(bound);

                // A read-only API token: reads, is refused writes.
                Locator apiForm = page.locator("#new-api-token");
                apiForm.getByLabel("Name").fill(scriptName);
                apiForm.getByLabel("Scope").selectOption("read");
                createIn(apiForm, "Create API token");
                assertThat(page.locator("#token-secret-title")).hasText("New API token “" + scriptName + "”");
                assertThat(page.locator("#token-use")).containsText("on /api as Authorization: Bearer");
                String script = secretValue.inputValue();
                assertThat(script).startsWith("diun_").isNotEqualTo(loose);
                Api bearer = new Api(base, "Bearer " + script);
                assertThat(bearer.get("/api/summary").status()).isEqualTo(200);
                Api.Reply write = bearer.post("/api/tags", "{\"name\": \"by-" + host + "\"}");
                assertThat(write.status()).as(write.body()).isEqualTo(403);
                Locator scriptRow = tokenRow("api", scriptName);
                assertThat(scriptRow.locator(".token-scope")).hasText("scope read");

                // Closed, the secret is gone; reopened, the rows say where and when each token was used.
                page.keyboard().press("Escape");
                assertThat(dialog).isHidden();
                assertThat(row("redis:loose").locator(".host")).hasText(bound);
                page.locator("#open-tokens").click();
                assertThat(dialog).isVisible();
                assertThat(secret).isHidden();
                assertThat(secretValue).hasValue("");
                assertThat(strictRow.locator(".token-host")).hasText("host " + bound + ", only this host");
                for (Locator used : List.of(strictRow, tokenRow("webhook", looseName), scriptRow)) {
                    assertThat(used.locator(".token-used")).not().hasText("last used never");
                    assertThat(used.locator(".token-used time"))
                            .hasText(java.util.regex.Pattern.compile("just now|\\d+ min ago"));
                    assertThat(used.locator(".token-used time"))
                            .hasAttribute("datetime", java.util.regex.Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT.*"));
                }

                // Revoking asks first; then the row is gone and the token refused.
                Locator revoke = scriptRow.getByRole(
                        AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke API token " + scriptName));
                revoke.click();
                Locator confirm = page.locator("#confirm");
                assertThat(page.locator("#confirm-title")).hasText("Revoke token?");
                assertThat(page.locator("#confirm-text")).containsText(scriptName);
                confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel"))
                        .click();
                assertThat(scriptRow).hasCount(1);
                assertThat(bearer.get("/api/summary").status()).isEqualTo(200);
                revoke.click();
                assertThat(page.locator("#confirm-ok")).hasText("Revoke");
                page.locator("#confirm-ok").click();
                assertThat(scriptRow).hasCount(0);
                assertThat(page.locator("#new-api-token").getByLabel("Name")).isFocused();
                assertThat(page.locator("#tokens-status")).hasText("Revoked the API token “" + scriptName + "”.");
                assertThat(dialog).isVisible();
                assertThat(bearer.get("/api/summary").status()).isEqualTo(401);
                assertThat(dialogs).isEmpty();
            } finally {
                revokeTokensNamed("/api/tokens", host);
                revokeTokensNamed("/api/api-tokens", host);
            }
        }

        private Locator tokenRow(String kind, String name) {
            return page.locator("#" + kind + "-token-list li").filter(new Locator.FilterOptions().setHasText(name));
        }

        private void createIn(Locator form, String button) {
            form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(button))
                    .click();
        }

        private void revokeTokensNamed(String path, String part) {
            for (var token : api.get(path).array()) {
                if (token.asJsonObject().getString("name").contains(part)) {
                    api.delete(path + "/" + token.asJsonObject().getJsonNumber("id"));
                }
            }
        }

        @Test
        @Order(13)
        void theSessionCookieIsHttpOnlySameSiteAndPageCallsNeedTheCsrfToken() {
            var cookies = context.cookies();
            var session = cookies.stream()
                    .filter(c -> c.name.equals("JSESSIONID"))
                    .findFirst()
                    .orElseThrow();
            assertThat(session.httpOnly).isTrue();
            assertThat(session.sameSite).isEqualTo(com.microsoft.playwright.options.SameSiteAttribute.STRICT);

            Object withoutToken = page.evaluate("async () => (await fetch('/api/tags', {method: 'POST',"
                    + " headers: {'Content-Type': 'application/json'}, body: JSON.stringify({name: 'csrf-" + host
                    + "'})})).status");
            Object withToken = page.evaluate("async () => (await fetch('/api/tags', {method: 'POST',"
                    + " headers: {'Content-Type': 'application/json', 'X-CSRF-Token':"
                    + " decodeURIComponent(document.cookie.match(/diun_csrf=([^;]+)/)[1])},"
                    + " body: JSON.stringify({name: 'csrf-" + host + "'})})).status");

            assertThat(withoutToken).isEqualTo(403);
            assertThat(withToken).isEqualTo(201);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out " + USER))
                    .click();
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login$"));
        }
    }

    /** The audit log names the user logged in on the page. */
    @Nested
    @Order(6)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Audit {

        @Test
        @Order(14)
        void theAuditLogNamesTheLoggedInUser() {
            send("docker.io/library/audit:1", "sha256:1");
            page.navigate(url("host=" + enc(host)));
            row("audit")
                    .getByRole(
                            AriaRole.BUTTON,
                            new Locator.GetByRoleOptions().setName("Acknowledge docker.io/library/audit:1 on " + host))
                    .click();
            assertThat(page.locator("li.row")).hasCount(0);

            var newest =
                    api.get("/api/audit?limit=1").json().getJsonArray("items").getJsonObject(0);
            assertThat(newest.getString("action")).isEqualTo("update.acknowledge");
            assertThat(newest.getString("actor")).isEqualTo(USER);
        }
    }

    /** The theme switch: System, Light or Dark, remembered in localStorage, usable from the keyboard. */
    @Nested
    @Order(7)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Theme {

        static final String LIGHT_BG = "rgb(247, 248, 250)";
        static final String DARK_BG = "rgb(18, 21, 27)";

        Locator choice(Page p, String name) {
            return p.locator(".theme-switch").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name));
        }

        boolean focusIsOn(String theme) {
            return theme.equals(page.evaluate("() => document.activeElement.dataset.themeChoice"));
        }

        @Test
        @Order(15)
        void darkChosenByKeyboardOnALightSystemSurvivesAReloadAndReachesTheLoginPage() {
            page.navigate(url(""));
            waitUntilLive();
            assertThat(page.locator("body")).hasCSS("background-color", LIGHT_BG);
            assertThat(choice(page, "System")).hasAttribute("aria-pressed", "true");

            // Tab through the page from its start to the switch, as a keyboard user does.
            for (int i = 0; i < 20 && !focusIsOn("dark"); i++) {
                page.keyboard().press("Tab");
            }
            assertThat(choice(page, "Dark")).isFocused();
            page.keyboard().press("Space");

            assertThat(choice(page, "Dark")).hasAttribute("aria-pressed", "true");
            assertThat(choice(page, "System")).hasAttribute("aria-pressed", "false");
            assertThat(page.locator("body")).hasCSS("background-color", DARK_BG);
            assertThat(page.locator("html")).hasCSS("color-scheme", "dark");
            assertThat(page.evaluate("() => localStorage.getItem('diun-theme')"))
                    .isEqualTo("dark");

            page.reload();
            assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
            assertThat(page.locator("body")).hasCSS("background-color", DARK_BG);
            assertThat(choice(page, "Dark")).hasAttribute("aria-pressed", "true");

            page.navigate(api.url("/login"));
            assertThat(page.locator("body")).hasCSS("background-color", DARK_BG);
        }

        @Test
        @Order(15)
        void theDefaultFollowsADarkSystemAndLightOverridesIt() {
            try (BrowserContext dark = browser.context(1280, 900, "dark")) {
                Page p = dark.newPage();
                logIn(p);
                assertThat(p.evaluate("() => document.documentElement.hasAttribute('data-theme')"))
                        .isEqualTo(false);
                assertThat(p.locator("body")).hasCSS("background-color", DARK_BG);

                choice(p, "Light").focus();
                p.keyboard().press("Enter");
                assertThat(p.locator("body")).hasCSS("background-color", LIGHT_BG);
                assertThat(p.locator("html")).hasCSS("color-scheme", "light");
                assertThat(choice(p, "Light")).hasAttribute("aria-pressed", "true");
                p.reload();
                assertThat(p.locator("body")).hasCSS("background-color", LIGHT_BG);

                choice(p, "System").click();
                assertThat(p.locator("body")).hasCSS("background-color", DARK_BG);
                assertThat(p.evaluate("() => localStorage.getItem('diun-theme')"))
                        .isNull();
            }
        }
    }

    /** Last: it deletes every update for a clean, realistic data set. */
    @Nested
    @Order(8)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Screenshots {

        @Test
        @Order(16)
        void screenshotsAtDesktopAndPhoneWidthInLightAndDark() throws Exception {
            // A clean, realistic data set for the README's screenshot.
            for (var item : api.get("/api/updates?state=all&limit=1000").json().getJsonArray("items")) {
                api.delete("/api/updates/" + item.asJsonObject().getJsonNumber("id"));
            }
            // The Pi's Diun runs in a container and reports its container id: it gets an alias below.
            String pi = "3f2a9c1d7e44";
            String[][] images = {
                {"nas.home.lan", "docker.io/library/nginx:1.27.2", "new", "web"},
                {"nas.home.lan", "docker.io/library/nginx:1.27.3", "new", "web"},
                {"nas.home.lan", "ghcr.io/home-assistant/home-assistant:2025.11.2", "new", "home"},
                {"nas.home.lan", "docker.io/grafana/grafana:12.2.1", "update", "monitoring"},
                {pi, "quay.io/prometheus/prometheus:v3.7.0", "update", "monitoring"},
                {pi, "docker.io/pihole/pihole:2025.11.0", "update", "dns"},
                {"nas.home.lan", "lscr.io/linuxserver/jellyfin:10.11.2", "update", "media"},
                {pi, "docker.io/eclipse-mosquitto:2.0.22", "new", "home"}
            };
            List<Long> ids = new ArrayList<>();
            for (String[] i : images) {
                String digest = "sha256:"
                        + java.util.HexFormat.of()
                                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                        .digest(i[1].getBytes(StandardCharsets.UTF_8)));
                ids.add(ContractTests.idOf(hook(json(diun(i[0], i[1], digest)
                        .add("status", i[2])
                        .add(
                                "metadata",
                                jakarta.json.Json.createObjectBuilder()
                                        .add("com.docker.compose.project", i[3])
                                        .add("ctn_names", i[1].replaceAll(".*/|:.*", ""))
                                        .add("ctn_state", "running"))))));
            }
            api.put("/api/hosts/" + pi + "/alias", "{\"alias\": \"pi4.home.lan\"}");
            long media = ContractTests.idOf(api.post("/api/tags", "{\"name\": \"media\"}"));
            api.put("/api/updates/" + ids.get(6) + "/tag", "{\"tagId\": " + media + "}");
            api.post("/api/updates/" + ids.get(0) + "/acknowledge", null);
            api.post("/api/updates/" + ids.get(5) + "/acknowledge", null);
            api.post("/api/updates/" + ids.get(7) + "/acknowledge", null);
            Path folder = Path.of("target", "screenshots");
            Files.createDirectories(folder);
            shoot(1280, 900, "light", "state=all", folder.resolve(backendName() + "-desktop.png"));
            shoot(390, 844, "light", "state=all", folder.resolve(backendName() + "-phone.png"));
            shoot(1280, 900, "dark", "state=all", folder.resolve(backendName() + "-desktop-dark.png"));
            shoot(1280, 900, "light", "group=stack", folder.resolve(backendName() + "-grouped.png"));
            shoot(390, 844, "dark", "group=host", folder.resolve(backendName() + "-phone-grouped-dark.png"));

            assertThat(Files.size(folder.resolve(backendName() + "-desktop.png")))
                    .isGreaterThan(10_000);
        }

        private void shoot(int width, int height, String scheme, String query, Path file) {
            try (BrowserContext shot = browser.context(width, height, scheme)) {
                Page p = shot.newPage();
                logIn(p);
                p.navigate(url(query));
                assertThat(p.locator("li.row").first()).isVisible();
                // The page fits the width: nothing scrolls sideways, at phone width either.
                org.assertj.core.api.Assertions.assertThat((Integer) p.evaluate("document.documentElement.scrollWidth"))
                        .isLessThanOrEqualTo(width);
                p.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(false));
            }
        }
    }
}
