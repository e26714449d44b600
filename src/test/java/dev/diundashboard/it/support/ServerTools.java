package dev.diundashboard.it.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Processes, ports, readiness polling and databases for the tests that run whole servers. */
public final class ServerTools {

    public static final Path BASEDIR =
            Path.of(System.getProperty("diun.it.basedir", ".")).toAbsolutePath();
    public static final Path SERVERS =
            Path.of(System.getProperty("diun.it.servers", "target/servers")).toAbsolutePath();
    public static final Path WAR = Path.of(System.getProperty("diun.it.war", "target/diun-dashboard.war"))
            .toAbsolutePath();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServerTools() {}

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A GlassFish port base whose derived ports (admin +48, HTTP +80, and the rest) are all free. */
    public static int freePortBase() {
        int[] offsets = {1, 9, 37, 38, 39, 48, 76, 80, 81, 86};
        for (int attempt = 0; attempt < 200; attempt++) {
            // Below the kernel's ephemeral range (32768+), where outgoing connections could take a port.
            int base = ThreadLocalRandom.current().nextInt(100, 326) * 100;
            boolean free = true;
            for (int offset : offsets) {
                try (ServerSocket socket = new ServerSocket(base + offset)) {
                    socket.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port base found");
    }

    /** Runs a command to its end, with output appended to the log; fails on a non-zero exit. */
    public static String run(List<String> command, Map<String, String> env, Path log, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(BASEDIR.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Path out = Files.createTempFile(log.getParent(), "cmd", ".out");
        builder.redirectOutput(out.toFile());
        Process process = builder.start();
        boolean done = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        Files.writeString(
                log,
                "$ " + String.join(" ", command) + "\n" + output,
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        if (!done || process.exitValue() != 0) {
            throw new AssertionError((done ? "exit " + process.exitValue() : "timed out") + ": "
                    + String.join(" ", command) + "\n" + output);
        }
        return output;
    }

    /** Polls a URL until it answers with the given status; returns how long that took. */
    public static Duration awaitStatus(String url, int status, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            try {
                last = HTTP.send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                BodyHandlers.discarding())
                        .statusCode();
                if (last == status) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError(url + " did not answer " + status + " within " + timeout + " (last: " + last + ")");
    }

    /** A database of its own on the tests' PostgreSQL server, dropped on close. */
    public static final class PgDatabase implements AutoCloseable {
        public final String name;
        public final String host;
        public final int port;
        public final String user;
        public final String password;
        private final String adminUrl;

        public PgDatabase(String prefix) throws SQLException {
            adminUrl = System.getProperty(PostgresForTests.URL_PROPERTY);
            Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/[^?]*\\?(.*)")
                    .matcher(adminUrl);
            if (!m.matches()) {
                throw new IllegalStateException("unexpected test database URL shape");
            }
            host = m.group(1);
            port = Integer.parseInt(m.group(2));
            name = prefix + "_" + Long.toString(System.nanoTime(), 36);
            user = name;
            password = "pw-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
            try (Connection c = DriverManager.getConnection(adminUrl);
                    Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
                s.execute("CREATE DATABASE " + name + " OWNER " + user);
            }
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = DriverManager.getConnection(adminUrl);
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                s.execute("DROP ROLE IF EXISTS " + user);
            }
        }
    }

    /**
     * The shell commands of a documentation block (docs/*.md) marked {@code <!-- test: NAME -->} just
     * before it, so that the tests run exactly what the documentation tells administrators to run.
     */
    public static String documentedBlock(String name) throws IOException {
        Pattern block =
                Pattern.compile("<!-- test: " + Pattern.quote(name) + " -->\\s*```sh\\n(.*?)```", Pattern.DOTALL);
        try (var pages = Files.list(BASEDIR.resolve("docs"))) {
            for (Path page :
                    pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = block.matcher(Files.readString(page, StandardCharsets.UTF_8));
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        throw new AssertionError("no page in docs/ has a block marked 'test: " + name + "'");
    }
}
