package dev.diundashboard.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, made with {@code initdb} and run with {@code pg_ctl} on a
 * free port, so that a test can stop and restart a real server while the shared one keeps running.
 * Trust authentication on loopback only. As root, the server runs as the {@code postgres} user
 * ({@code initdb} refuses root). {@link #available()} says whether the binaries are installed.
 */
public final class PrivatePostgres implements AutoCloseable {

    public final int port;
    private final Path bin;
    private final Path dir;
    private final Path data;

    private PrivatePostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
    }

    /** The folder of initdb and pg_ctl: $PG_BIN, else the newest /usr/lib/postgresql/N/bin; null if none. */
    public static Path binaries() {
        String given = System.getenv("PG_BIN");
        if (given != null && Files.isExecutable(Path.of(given, "initdb"))) {
            return Path.of(given);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(
                            b -> b.getParent().getFileName().toString(),
                            Comparator.comparingInt(PrivatePostgres::major)))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public static boolean available() {
        return binaries() != null;
    }

    /** Creates the cluster, starts it and creates the role and database {@code diun}. */
    public static PrivatePostgres start() throws Exception {
        Path dir = Files.createTempDirectory("diun-private-pg-");
        PrivatePostgres pg = new PrivatePostgres(binaries(), dir, MicroServer.freePort());
        try {
            if (asRoot()) {
                run(List.of("chown", "postgres", dir.toString()));
            }
            pg.run(pg.command("initdb", "-D", pg.data.toString(), "-A", "trust", "-U", "postgres", "--no-sync"));
            pg.startServer();
            try (Connection c = pg.connect("postgres");
                    var s = c.createStatement()) {
                // Not a superuser: connection limits apply to it, as to a production role.
                s.execute("CREATE ROLE diun LOGIN");
                s.execute("CREATE DATABASE diun OWNER diun");
            }
            return pg;
        } catch (Exception e) {
            pg.close();
            throw e;
        }
    }

    /** The JDBC URL of the database {@code diun} as its owner {@code diun}, as DATABASE_URL accepts it. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/diun?user=diun";
    }

    /** A superuser session on the given database. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres");
    }

    public void startServer() throws Exception {
        run(command(
                "pg_ctl",
                "-D",
                data.toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-w",
                "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start"));
    }

    /** A real shutdown: {@code pg_ctl stop -m fast} disconnects every session and stops the server. */
    public void stopServer() throws Exception {
        run(command("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop"));
    }

    private List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(output));
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(command("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"));
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
