package dev.diundashboard.it.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Real Mosquitto brokers for the MQTT tests: the machine's shared one on 127.0.0.1:1883 (started
 * when it is down; without it the tests are skipped, except under {@code CI=true}, where they fail),
 * and private ones of a test's own on a free port, which the test may kill and start again without
 * disturbing anybody. A private broker keeps nothing on disk, as a broker without persistence that
 * restarts.
 */
public final class Mosquitto implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final int SHARED_PORT = 1883;
    static final String SHARED_CONFIG = "/etc/mosquitto/mosquitto.conf";

    public final int port;
    private final Path config;
    private final Path log;
    private final Path trustStore;
    private Process process;

    private Mosquitto(int port, Path config, Path log, Path trustStore) {
        this.port = port;
        this.config = config;
        this.log = log;
        this.trustStore = trustStore;
    }

    /** Makes sure the shared broker answers: starts it when it does not. */
    public static void requireShared() throws Exception {
        if (listening(SHARED_PORT)) {
            return;
        }
        String why;
        try {
            Process p = new ProcessBuilder("mosquitto", "-d", "-c", SHARED_CONFIG)
                    .redirectErrorStream(true)
                    .start();
            p.waitFor();
            why = "mosquitto -d -c " + SHARED_CONFIG + " exited " + p.exitValue() + ": "
                    + new String(p.getInputStream().readAllBytes()).strip();
        } catch (IOException e) {
            why = "no mosquitto to start (" + e.getMessage() + "; apt-get install mosquitto)";
        }
        if (awaitListening(SHARED_PORT, Duration.ofSeconds(10))) {
            return;
        }
        String reason = "no MQTT broker on " + HOST + ":" + SHARED_PORT + " and starting one failed: " + why;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true requires the MQTT tests to run, but " + reason);
        }
        Assumptions.abort(reason);
    }

    /**
     * A broker of the test's own speaking TLS only, with a certificate for 127.0.0.1 made for it
     * (openssl); {@link #trustStore()} holds that certificate for a client that should trust it.
     */
    public static Mosquitto startPrivateTls() throws Exception {
        requireShared();
        int port = MicroServer.freePort();
        Path dir = directory(port);
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=" + HOST,
                "-addext",
                "subjectAltName=IP:" + HOST,
                "-keyout",
                key.toString(),
                "-out",
                cert.toString());
        key.toFile().setReadable(true, false); // mosquitto may drop to its own user
        Path trust = dir.resolve("trust.p12");
        run(
                "keytool",
                "-importcert",
                "-noprompt",
                "-alias",
                "broker",
                "-file",
                cert.toString(),
                "-keystore",
                trust.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                TRUST_PASSWORD);
        return started(port, dir, List.of("certfile " + cert, "keyfile " + key), trust);
    }

    /** The password of {@link #trustStore()}: it holds a public certificate only. */
    public static final String TRUST_PASSWORD = "changeit";

    /** A PKCS #12 trust store with the TLS broker's certificate, or null for a plain broker. */
    public Path trustStore() {
        return trustStore;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    /** A broker of the test's own on a free port of loopback, started. */
    public static Mosquitto startPrivate() throws Exception {
        requireShared(); // the same binary: its absence is reported the same way
        int port = MicroServer.freePort();
        return started(port, directory(port), List.of(), null);
    }

    private static Path directory(int port) throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("diun.it.work", "target/it"), "mosquitto-" + port));
    }

    /** A broker on loopback at {@code port}, anonymous, nothing kept, with the given extra settings. */
    private static Mosquitto started(int port, Path dir, List<String> settings, Path trust) throws Exception {
        List<String> lines =
                new ArrayList<>(List.of("listener " + port + " " + HOST, "allow_anonymous true", "persistence false"));
        lines.addAll(settings);
        lines.addAll(List.of("log_dest stderr", ""));
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(config, String.join("\n", lines));
        Mosquitto broker = new Mosquitto(port, config, dir.resolve("mosquitto.log"), trust);
        broker.start();
        return broker;
    }

    /** Starts (again) on the same port; returns once it accepts connections. */
    public synchronized void start() throws Exception {
        process = new ProcessBuilder("mosquitto", "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!awaitListening(port, Duration.ofSeconds(10))) {
            process.destroyForcibly();
            throw new IllegalStateException("private mosquitto on port " + port + " did not start; see " + log);
        }
    }

    /** SIGKILL: the broker is gone at once, with everything it kept. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    public String url() {
        return (trustStore == null ? "mqtt://" : "mqtts://") + HOST + ":" + port;
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException no) {
            return false;
        }
    }

    private static boolean awaitListening(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (listening(port)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
