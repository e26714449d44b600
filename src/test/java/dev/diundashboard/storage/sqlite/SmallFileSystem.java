package dev.diundashboard.storage.sqlite;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real file system of a few MiB (a tmpfs mounted for the test), to run out of space for real.
 * Mounting needs root: without it the test is skipped, except under {@code CI=true}, where it
 * fails (CI runs as root and must prove the full-disk path).
 */
public final class SmallFileSystem implements AutoCloseable {

    public final Path root;

    private SmallFileSystem(Path root) {
        this.root = root;
    }

    public static SmallFileSystem mount(Path folder, long bytes) throws Exception {
        Files.createDirectories(folder);
        String failure =
                run(List.of("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0777", "tmpfs", folder.toString()));
        if (failure != null) {
            String reason = "cannot mount a small tmpfs (needs root): " + failure;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true requires the full-disk tests to run, but " + reason);
            }
            Assumptions.abort(reason);
        }
        return new SmallFileSystem(folder);
    }

    /** Fills the file system with one file until only about {@code leaveBytes} remain free. */
    public void fillLeaving(long leaveBytes) throws IOException {
        long free = Files.getFileStore(root).getUsableSpace();
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(root.resolve("filler"))) {
            for (long left = free - leaveBytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
    }

    public long free() throws IOException {
        return Files.getFileStore(root).getUsableSpace();
    }

    @Override
    public void close() throws Exception {
        String failure = run(List.of("umount", "-l", root.toString()));
        if (failure != null) {
            throw new IllegalStateException("could not unmount " + root + ": " + failure);
        }
    }

    private static String run(List<String> command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", command) + " did not finish";
        }
        String output = new String(p.getInputStream().readAllBytes()).trim();
        return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + output;
    }
}
