package dev.diundashboard.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Keycloak, its server distribution from Maven Central ({@code org.keycloak:keycloak-quarkus-dist},
 * unpacked by the build under {@code diun.it.servers}), started in development mode on a free
 * loopback port with its memory capped, and stopped with all its processes by {@link #close()}. The
 * test creates its realm, client, groups and users through the admin API.
 */
public final class Keycloak implements AutoCloseable {

    private static final String ADMIN = "it-admin";
    private static final String ADMIN_PASSWORD = "it-admin-password-not-for-production";

    private final Process process;
    public final int port;
    public final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private Keycloak(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static Path home() throws IOException {
        Path servers = Path.of(System.getProperty("diun.it.servers", "target/servers"));
        try (Stream<Path> dirs = Files.list(servers)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("keycloak-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Keycloak unpacked under " + servers
                            + " (the build's pre-integration-test phase unpacks it)"));
        }
    }

    public static Keycloak start() throws Exception {
        int port = MicroServer.freePort();
        Path home = home();
        Path log = Files.createDirectories(Path.of(System.getProperty("diun.it.work", "target/it"), "servers"))
                .resolve("keycloak-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(
                        home.resolve("bin/kc.sh").toString(),
                        "start-dev",
                        "--http-host",
                        "127.0.0.1",
                        "--http-port",
                        String.valueOf(port),
                        "--http-management-port",
                        String.valueOf(MicroServer.freePort()),
                        "--cache",
                        "local",
                        // Nothing kept between runs: every run creates its realm anew.
                        "--db",
                        "dev-mem")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // Within what a 2-core CI machine shares with Payara and Chromium.
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx384m -XX:MaxMetaspaceSize=256m");
        Keycloak keycloak = new Keycloak(builder.start(), port, log);
        try {
            keycloak.awaitRealm("master", Duration.ofMinutes(4));
        } catch (Exception e) {
            keycloak.close();
            throw e;
        }
        return keycloak;
    }

    public String issuer(String realm) {
        return "http://127.0.0.1:" + port + "/realms/" + realm;
    }

    private void awaitRealm(String realm, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited; see " + log);
            }
            try {
                HttpResponse<String> discovery = http.send(
                        HttpRequest.newBuilder(URI.create(issuer(realm) + "/.well-known/openid-configuration"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (discovery.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak not ready within " + timeout + "; see " + log);
    }

    /** A user with a password, an e-mail address (Keycloak's profile asks for one) and its groups. */
    public record User(String name, String password, List<String> groups) {}

    /**
     * Creates the realm with a confidential client that requires PKCE (S256), may send the browser
     * back to {@code app}'s callback and to its signed-out page, and puts the user's groups into the
     * {@code groups} claim of ID token, access token and user info.
     */
    public void createRealm(
            String realm, String clientId, String secret, String app, List<String> groups, List<User> users)
            throws Exception {
        JsonArrayBuilder groupList = Json.createArrayBuilder();
        groups.forEach(g -> groupList.add(Json.createObjectBuilder().add("name", g)));
        JsonArrayBuilder userList = Json.createArrayBuilder();
        for (User u : users) {
            userList.add(Json.createObjectBuilder()
                    .add("username", u.name())
                    .add("enabled", true)
                    .add("email", u.name() + "@example.test")
                    .add("emailVerified", true)
                    .add("firstName", u.name())
                    .add("lastName", "Tester")
                    .add(
                            "credentials",
                            Json.createArrayBuilder()
                                    .add(Json.createObjectBuilder()
                                            .add("type", "password")
                                            .add("value", u.password())
                                            .add("temporary", false)))
                    .add("groups", Json.createArrayBuilder(u.groups())));
        }
        JsonObject client = Json.createObjectBuilder()
                .add("clientId", clientId)
                .add("enabled", true)
                .add("publicClient", false)
                .add("secret", secret)
                .add("standardFlowEnabled", true)
                .add("directAccessGrantsEnabled", false)
                .add("redirectUris", Json.createArrayBuilder().add(app + "/oidc/callback"))
                .add(
                        "attributes",
                        Json.createObjectBuilder()
                                .add("pkce.code.challenge.method", "S256")
                                .add("post.logout.redirect.uris", app + "/login?signedOut"))
                .add(
                        "protocolMappers",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("name", "groups")
                                        .add("protocol", "openid-connect")
                                        .add("protocolMapper", "oidc-group-membership-mapper")
                                        .add(
                                                "config",
                                                Json.createObjectBuilder()
                                                        .add("claim.name", "groups")
                                                        .add("full.path", "false")
                                                        .add("id.token.claim", "true")
                                                        .add("access.token.claim", "true")
                                                        .add("userinfo.token.claim", "true"))))
                .build();
        JsonObject representation = Json.createObjectBuilder()
                .add("realm", realm)
                .add("enabled", true)
                .add("groups", groupList)
                .add("clients", Json.createArrayBuilder().add(client))
                .add("users", userList)
                .build();
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/realms"))
                        .header("Authorization", "Bearer " + adminToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(representation.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException(
                    "Keycloak refused the realm: " + created.statusCode() + " " + created.body());
        }
        awaitRealm(realm, Duration.ofSeconds(30));
    }

    private String adminToken() throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=" + ADMIN + "&password="
                + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> token = http.send(
                HttpRequest.newBuilder(URI.create(issuer("master") + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 200) {
            throw new IllegalStateException("no admin token from Keycloak: " + token.statusCode());
        }
        return Json.createReader(new StringReader(token.body())).readObject().getString("access_token");
    }

    /** Resident memory of Keycloak's JVM in MiB, for the test's report. */
    public long rssMiB() {
        return process.descendants()
                        .map(ProcessHandle::pid)
                        .findFirst()
                        .map(Keycloak::rssMiB)
                        .orElse(0L)
                + rssMiB(process.pid());
    }

    private static long rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // Not running.
        }
        return 0;
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> all = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .toList();
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                p.destroyForcibly();
            }
        }
    }
}
