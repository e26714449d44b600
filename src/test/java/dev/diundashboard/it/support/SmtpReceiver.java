package dev.diundashboard.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real SMTP server for the tests: Debian's aiosmtpd ({@code python3-aiosmtpd}) on a free port of
 * its own, printing every message it accepts; {@code .ci/run} installs it. Without it the test fails
 * (it does not skip).
 */
public final class SmtpReceiver implements AutoCloseable {

    private static final String PYTHON = "/usr/bin/python3";

    private final Process process;
    private final Path output;
    private final int port;

    public SmtpReceiver() throws IOException, InterruptedException {
        port = ServerTools.freePort();
        output = Files.createTempFile("smtp-", ".log");
        process = new ProcessBuilder(PYTHON, "-u", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port);
                    BufferedReader in =
                            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
                if (in.readLine().startsWith("220")) {
                    return;
                }
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "aiosmtpd did not start (apt-get install python3-aiosmtpd): " + Files.readString(output));
                }
                Thread.sleep(200);
            }
        }
    }

    public int port() {
        return port;
    }

    /** Everything the server printed once it contains the text, or an error after the timeout. */
    public String await(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String log = Files.readString(output);
        while (!log.contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the SMTP server did not receive '" + text + "'; it printed: " + log);
            }
            Thread.sleep(200);
            log = Files.readString(output);
        }
        return log;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
        Files.deleteIfExists(output);
    }
}
