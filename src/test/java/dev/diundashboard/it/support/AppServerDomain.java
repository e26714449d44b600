package dev.diundashboard.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fresh domain of an unpacked Payara Server or GlassFish, on free ports. Closing it stops the domain
 * and, should stop-domain fail, kills the server process by the pid the domain recorded.
 */
public final class AppServerDomain implements AutoCloseable {

    private final Path install;
    private final Path domains;
    private final String name;
    private final int portBase;
    private final Path log;
    private boolean started;
    private Optional<Long> pidAtStart = Optional.empty();

    public AppServerDomain(Path install, String name) throws IOException, InterruptedException {
        this.install = install;
        this.name = name;
        // The server's own domains folder, where the documented `asadmin restart-domain NAME` looks.
        this.domains = install.resolve("glassfish/domains");
        this.log =
                Files.createDirectories(ServerTools.SERVERS.resolve("domains")).resolve(name + "-asadmin.log");
        Files.deleteIfExists(log);
        deleteRecursively(domains.resolve(name));
        this.portBase = ServerTools.freePortBase();
        asadmin(
                "create-domain",
                "--nopassword",
                "--portbase",
                String.valueOf(portBase),
                "--domaindir",
                domains.toString(),
                name);
    }

    public int adminPort() {
        return portBase + 48;
    }

    public String httpBase() {
        return "http://localhost:" + (portBase + 80);
    }

    public Path serverLog() {
        return domains.resolve(name).resolve("logs/server.log");
    }

    /**
     * Every {@code server.log*} file of the domain, oldest first: GlassFish may roll server.log over
     * while it starts, leaving the launcher's lines in the live file and the rest in the rolled one.
     */
    public String serverLogText() throws IOException {
        List<Path> files;
        try (var listing = Files.list(serverLog().getParent())) {
            files = listing.filter(f -> f.getFileName().toString().startsWith("server.log"))
                    .sorted(Comparator.comparing(AppServerDomain::modified))
                    .toList();
        }
        StringBuilder text = new StringBuilder();
        for (Path f : files) {
            text.append(Files.readString(f, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException gone) {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * The server log once it contains {@code text}: the servers write their log asynchronously, so a
     * line logged before a request was answered may reach the file after it. Waits up to 30 s.
     */
    public String serverLogWith(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String log = serverLogText();
        while (!log.contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            log = serverLogText();
        }
        return log;
    }

    /** Starts the domain and waits until the admin listener answers. */
    public Duration start() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        started = true;
        asadmin("start-domain", "--domaindir", domains.toString(), name);
        ServerTools.awaitStatus(
                "http://localhost:" + adminPort() + "/management/domain/version", 200, Duration.ofMinutes(3));
        pidAtStart = pid();
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Runs a documented block with bash, asadmin on the PATH and pointed at this domain, named in DOMAIN. */
    public void runReadmeBlock(String block, Map<String, String> variables) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(variables);
        env.putAll(asadminEnvironment());
        env.put("DOMAIN", name);
        env.put("PATH", install.resolve("bin") + ":" + System.getenv("PATH"));
        ServerTools.run(
                List.of("bash", "-euo", "pipefail", "-c", ServerTools.documentedBlock(block)),
                env,
                log,
                Duration.ofMinutes(5));
    }

    /** Adds a user to the domain's file realm, in the given groups (colon-separated). */
    public void createFileUser(String user, String password, String groups) throws IOException, InterruptedException {
        fileUser("create-file-user", user, password, groups);
    }

    /** Replaces a file-realm user's groups (asadmin wants the password again). */
    public void updateFileUser(String user, String password, String groups) throws IOException, InterruptedException {
        fileUser("update-file-user", user, password, groups);
    }

    private void fileUser(String command, String user, String password, String groups)
            throws IOException, InterruptedException {
        Path passwordFile = Files.createTempFile(log.getParent(), "user", ".txt");
        try {
            Files.writeString(passwordFile, "AS_ADMIN_USERPASSWORD=" + password + "\n");
            asadmin("--passwordfile", passwordFile.toString(), command, "--groups", groups, user);
        } finally {
            Files.delete(passwordFile);
        }
    }

    /** Runs one asadmin command against this domain; fails with its output on a non-zero exit. */
    public String asadmin(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(install.resolve("bin/asadmin").toString());
        command.addAll(List.of(args));
        return ServerTools.run(command, asadminEnvironment(), log, Duration.ofMinutes(5));
    }

    /**
     * asadmin pointed at this domain's admin port; GlassFish's start-domain and restart-domain give up
     * after 60 s by default, too short on a loaded 2-core machine.
     */
    private Map<String, String> asadminEnvironment() {
        return Map.of("AS_ADMIN_PORT", String.valueOf(adminPort()), "AS_START_TIMEOUT", "180000");
    }

    @Override
    public void close() throws Exception {
        if (!started) {
            return;
        }
        Optional<ProcessHandle> server = pid().flatMap(ProcessHandle::of);
        try {
            asadmin("stop-domain", "--domaindir", domains.toString(), name);
        } finally {
            server.ifPresent(p -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            });
        }
    }

    /** Whether the domain runs in another process than the one {@link #start} started. */
    public boolean restartedSinceStart() {
        Optional<Long> now = pid();
        return pidAtStart.isPresent() && now.isPresent() && !now.equals(pidAtStart);
    }

    private Optional<Long> pid() {
        try {
            return Optional.of(
                    Long.parseLong(Files.readString(domains.resolve(name).resolve("config/pid"))
                            .trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
