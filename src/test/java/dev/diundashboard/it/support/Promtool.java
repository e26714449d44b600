package dev.diundashboard.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus's own check of the text exposition format, {@code promtool check metrics}, from Debian's
 * {@code prometheus} package. Where it is missing the checks are skipped, except with CI=true, where
 * they fail ({@code .ci/run} installs it).
 */
public final class Promtool {

    /** Exit 0: valid and clean; 3: valid with lint problems; anything else: not valid. */
    public record Check(int exitCode, String output) {

        /** Whether the text parsed as the exposition format (lint problems aside). */
        public boolean parsed() {
            return (exitCode == 0 || exitCode == 3) && !output.contains("error while linting");
        }

        /** The lint problems, one {@code "metric_name problem"} line each. */
        public List<String> problems() {
            return output.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    private Promtool() {}

    /** The promtool on the PATH; absent: skipped, or failed under CI=true. */
    public static Path require() {
        Optional<Path> found = find();
        if (found.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(
                    "CI=true requires promtool to check /metrics (apt-get install prometheus; .ci/run installs it)");
        }
        Assumptions.assumeTrue(found.isPresent(), "promtool is not installed (apt-get install prometheus)");
        return found.get();
    }

    /** {@code promtool check metrics} with the exposition on its standard input. */
    public static Check check(String exposition) {
        Path promtool = require();
        try {
            Process p = new ProcessBuilder(promtool.toString(), "check", "metrics")
                    .redirectErrorStream(true)
                    .start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(exposition.getBytes(StandardCharsets.UTF_8));
            }
            String output;
            try (InputStream out = p.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("promtool did not finish within 60 s");
            }
            return new Check(p.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Path> find() {
        String path = System.getenv("PATH");
        return Arrays.stream((path == null ? "/usr/bin" : path).split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
