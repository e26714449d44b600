package dev.diundashboard.it.support;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real WAR in a Payara Micro process of the test's own, for tests that must kill or restart the
 * server. Readiness is polled, never assumed; {@link #close()} always stops the process.
 */
public final class MicroServer implements AutoCloseable {

    private final Process process;
    public final int port;
    public final Path log;

    private MicroServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static MicroServer start(String name, Map<String, String> systemProperties) throws Exception {
        return start(name, systemProperties, true);
    }

    /** As {@link #start(String, Map)}; without the preboot file the HTTP listener keeps Payara's defaults. */
    public static MicroServer start(String name, Map<String, String> systemProperties, boolean listenerSettings)
            throws Exception {
        return ready(launch(name, systemProperties, listenerSettings));
    }

    /** As {@link #start(String, Map)}, with settings that name the server's own port (DASHBOARD_URL). */
    public static MicroServer start(String name, java.util.function.IntFunction<Map<String, String>> systemProperties)
            throws Exception {
        int port = freePort();
        return ready(launch(name, systemProperties.apply(port), true, port));
    }

    /** As {@link #start(String, Map)}, with these JVM options in place of the default heap (-Xmx384m). */
    public static MicroServer start(String name, Map<String, String> systemProperties, List<String> jvmOptions)
            throws Exception {
        return ready(launch(name, systemProperties, true, freePort(), jvmOptions));
    }

    /** The server once it is ready; stopped when it does not get there. */
    private static MicroServer ready(MicroServer server) throws Exception {
        try {
            server.awaitReady(Duration.ofSeconds(240));
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Starts the process without waiting for readiness. */
    public static MicroServer launch(String name, Map<String, String> systemProperties) throws Exception {
        return launch(name, systemProperties, true);
    }

    private static MicroServer launch(String name, Map<String, String> systemProperties, boolean listenerSettings)
            throws Exception {
        return launch(name, systemProperties, listenerSettings, freePort());
    }

    private static MicroServer launch(
            String name, Map<String, String> systemProperties, boolean listenerSettings, int port) throws Exception {
        return launch(name, systemProperties, listenerSettings, port, List.of("-Xmx384m"));
    }

    private static MicroServer launch(
            String name,
            Map<String, String> systemProperties,
            boolean listenerSettings,
            int port,
            List<String> jvmOptions)
            throws Exception {
        Path work = Path.of(System.getProperty("diun.it.work", "target/it"), "servers");
        Files.createDirectories(work);
        // A log of its own: the kernel hands out a port again soon after it was freed, and a server's log
        // appended to a predecessor's would show that one's lines (its refusal, its "ready in") as its own.
        Path log = work.resolve(name + "-" + port + ".log");
        for (int n = 2; Files.exists(log); n++) {
            log = work.resolve(name + "-" + port + "-" + n + ".log");
        }
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of(
                "-jar",
                System.getProperty("payara.microJar"),
                "--deploy",
                System.getProperty("diun.it.war"),
                "--contextroot",
                "/",
                "--port",
                String.valueOf(port),
                "--nohazelcast"));
        if (listenerSettings) {
            command.addAll(List.of("--prebootcommandfile", System.getProperty("diun.it.preboot")));
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new MicroServer(process, port, log);
    }

    public int readyStatus() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://localhost:" + port + "/health/ready")
                    .toURL()
                    .openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            return c.getResponseCode();
        } catch (IOException notListeningYet) {
            return -1;
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public URL base() throws IOException {
        return URI.create("http://localhost:" + port + "/").toURL();
    }

    public void awaitReady(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited; see " + log);
            }
            if (readyStatus() == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Payara Micro not ready within " + timeout + "; see " + log);
    }

    /** SIGKILL: no shutdown hooks, no flushing; what was committed must survive. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
