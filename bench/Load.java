import dev.diundashboard.storage.PostgresDialect;
import dev.diundashboard.storage.SqliteDialect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.flywaydb.core.Flyway;

/**
 * The benchmark's load generator and baselines (run by bench/ingest.sh with the app's classpath).
 *
 * <pre>
 *   ingest URL CLIENTS SECONDS   webhook load from a thread pool; prints one "RESULT" line
 *   seed URL COUNT               sends each of COUNT distinct (host, image) pairs once
 *   list URL REQUESTS            GET /api/updates (first page) one after another; latencies
 *   pgbench-script               the app's upsert + event insert as a pgbench script
 *   sqlite-raw FILE SECONDS      the same transaction on raw sqlite-jdbc, one writer, app pragmas
 *   jfr-top FILE N               where the CPU samples of a JFR recording are, by method
 * </pre>
 */
public class Load {

    static final int HOSTS = 200;
    static final int IMAGES_PER_HOST = 50; // 10,000 distinct updates

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "ingest" -> ingest(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "seed" -> seed(args[1], Integer.parseInt(args[2]));
            case "list" -> list(args[1], Integer.parseInt(args[2]));
            case "pgbench-script" -> System.out.print(pgbenchScript());
            case "sqlite-raw" -> sqliteRaw(Path.of(args[1]), Integer.parseInt(args[2]));
            case "jfr-top" -> jfrTop(Path.of(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** A Diun 4.29 notification as Diun sends it (about 700 bytes). */
    static String payload(int host, int image, long digest) {
        return """
                {"diun_version":"4.29.0","hostname":"host-%d","status":"update","provider":"docker",\
                "image":"docker.io/library/app%d:latest","hub_link":"https://hub.docker.com/_/app%d",\
                "mime_type":"application/vnd.docker.distribution.manifest.list.v2+json",\
                "digest":"sha256:%064x","created":"2024-05-01T08:20:30.123456789Z","platform":"linux/amd64",\
                "metadata":{"ctn_command":"/docker-entrypoint.sh nginx -g 'daemon off;'",\
                "ctn_createdat":"2024-04-30 10:00:00 +0000 UTC","ctn_id":"%064x","ctn_names":"app%d",\
                "ctn_size":"0B","ctn_state":"running","ctn_status":"Up 2 days"}}"""
                .formatted(host, image, image, digest, digest, image);
    }

    static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    static void ingest(String base, int clients, int seconds) throws Exception {
        HttpClient http = client();
        URI uri = URI.create(base + "/webhook");
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
        AtomicLong errors = new AtomicLong();
        Map<Integer, Integer> errorStatuses = new java.util.concurrent.ConcurrentHashMap<>();
        List<long[]> perThread = new ArrayList<>();
        int[] counts = new int[clients];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            long[] latencies = new long[2_000_000 / clients + 1000];
            perThread.add(latencies);
            int index = t;
            futures.add(pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (true) {
                    long now = System.nanoTime();
                    if (now >= end) break;
                    String body = payload(
                            random.nextInt(HOSTS), random.nextInt(IMAGES_PER_HOST), random.nextLong(1, Long.MAX_VALUE));
                    HttpRequest request = HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build();
                    int status;
                    try {
                        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    long took = System.nanoTime() - now;
                    if (now >= warmupEnd) {
                        if (status != 200) {
                            errors.incrementAndGet();
                            errorStatuses.merge(status, 1, Integer::sum);
                        }
                        if (counts[index] < latencies.length) latencies[counts[index]++] = took;
                    }
                }
                return null;
            }));
        }
        for (var f : futures) f.get();
        pool.shutdown();
        int n = Arrays.stream(counts).sum();
        long[] all = new long[n];
        int at = 0;
        for (int t = 0; t < clients; t++) {
            System.arraycopy(perThread.get(t), 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        System.out.printf(
                Locale.ROOT,
                "RESULT clients=%d requests=%d rps=%.0f p50=%.2f p95=%.2f p99=%.2f errors=%d %s%n",
                clients,
                n,
                n / (double) seconds,
                ms(all, 0.50),
                ms(all, 0.95),
                ms(all, 0.99),
                errors.get(),
                errorStatuses.isEmpty() ? "" : "(by status, -1 = no answer: " + errorStatuses + ")");
    }

    static double ms(long[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    static void seed(String base, int count) throws Exception {
        HttpClient http = client();
        URI uri = URI.create(base + "/webhook");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicLong errors = new AtomicLong();
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int host = i % HOSTS, image = i / HOSTS;
            futures.add(pool.submit(() -> {
                HttpRequest r = HttpRequest.newBuilder(uri)
                        .POST(HttpRequest.BodyPublishers.ofString(payload(host, image, 1)))
                        .build();
                if (http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) errors.incrementAndGet();
                return null;
            }));
        }
        for (var f : futures) f.get();
        pool.shutdown();
        System.out.println("RESULT seeded=" + count + " errors=" + errors.get());
    }

    /** Unmeasured list requests first: the JIT compiles the list path only after a few hundred. */
    static final int WARMUP = 500;

    static void list(String base, int requests) throws Exception {
        HttpClient http = client();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/updates")).build();
        long[] latencies = new long[requests];
        int errors = 0;
        String total = "?";
        for (int i = -WARMUP; i < requests; i++) { // warm-up requests are not measured
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            if (i >= 0) {
                latencies[i] = took;
                if (response.statusCode() != 200) errors++;
            }
            if (i == 0) {
                var m = java.util.regex.Pattern.compile("\"total\":(\\d+)").matcher(response.body());
                total = m.find() ? m.group(1) : "?";
            }
        }
        Arrays.sort(latencies);
        System.out.printf(
                Locale.ROOT,
                "RESULT list total=%s requests=%d p50=%.2f p95=%.2f p99=%.2f errors=%d%n",
                total,
                requests,
                ms(latencies, 0.50),
                ms(latencies, 0.95),
                ms(latencies, 0.99),
                errors);
    }

    /** The app's own statements with pgbench variables in place of the JDBC parameters. */
    static String pgbenchScript() {
        // pgbench reads ":name" as a variable even inside quotes, so colons in literals are spelled "~".
        String[] upsert = {
            "'host-' || :h::text",
            "'docker.io/library/app' || :i::text || " + lit(":latest"),
            "'update'",
            "'docker'",
            lit("https://hub.docker.com/_/app"),
            "'application/vnd.docker.distribution.manifest.list.v2+json'",
            lit("sha256:") + " || :d::text",
            lit("2024-05-01T08:20:30.123456Z") + "::timestamptz",
            "'linux/amd64'",
            lit("{\"ctn_names\": \"app\", \"ctn_state\": \"running\", \"ctn_status\": \"Up 2 days\"}") + "::jsonb",
            "'4.29.0'",
            "now()",
            "now()"
        };
        String[] event = {":id", "now()", "'update'", lit("sha256:") + " || :d::text", lit(payload(1, 1, 1)) + "::jsonb"};
        return "\\set h random(0, " + (HOSTS - 1) + ")\n"
                + "\\set i random(0, " + (IMAGES_PER_HOST - 1) + ")\n"
                + "\\set d random(1, 1000000000)\n"
                + "BEGIN;\n"
                + bind(new PostgresDialect().upsertUpdateSql(), upsert) + " \\gset\n"
                + bind(new PostgresDialect().insertEventSql(), event) + ";\n"
                + "END;\n";
    }

    static String lit(String text) {
        String quoted = "'" + text.replace("'", "''").replace(":", "~") + "'";
        return text.contains(":") ? "translate(" + quoted + ", '~', ':')" : quoted;
    }

    static String bind(String sql, String[] values) {
        StringBuilder out = new StringBuilder();
        int v = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') out.append(values[v++]);
            else out.append(c);
        }
        if (v != values.length) throw new IllegalStateException("parameter count");
        return out.toString();
    }

    /** One writer on raw sqlite-jdbc, the app's URL pragmas, the app's statements, one transaction each. */
    static void sqliteRaw(Path file, int seconds) throws Exception {
        String url = "jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=FULL&busy_timeout=10000&foreign_keys=true";
        Flyway.configure()
                .dataSource(url, "", "")
                .locations("classpath:db/migration/sqlite")
                .load()
                .migrate();
        SqliteDialect dialect = new SqliteDialect();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            long warmupEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
            long n = 0;
            while (System.nanoTime() < end) {
                int host = random.nextInt(HOSTS), image = random.nextInt(IMAGES_PER_HOST);
                long digest = random.nextLong(1, Long.MAX_VALUE);
                Instant now = Instant.now();
                long id;
                try (PreparedStatement ps = c.prepareStatement(dialect.upsertUpdateSql())) {
                    ps.setString(1, "host-" + host);
                    ps.setString(2, "docker.io/library/app" + image + ":latest");
                    ps.setString(3, "update");
                    ps.setString(4, "docker");
                    ps.setString(5, "https://hub.docker.com/_/app");
                    ps.setString(6, "application/vnd.docker.distribution.manifest.list.v2+json");
                    ps.setString(7, "sha256:" + digest);
                    dialect.setInstant(ps, 8, Instant.parse("2024-05-01T08:20:30.123456Z"));
                    ps.setString(9, "linux/amd64");
                    dialect.setJson(ps, 10, "{\"ctn_names\":\"app\",\"ctn_state\":\"running\"}");
                    ps.setString(11, "4.29.0");
                    dialect.setInstant(ps, 12, now);
                    dialect.setInstant(ps, 13, now);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(dialect.insertEventSql())) {
                    ps.setLong(1, id);
                    dialect.setInstant(ps, 2, now);
                    ps.setString(3, "update");
                    ps.setString(4, "sha256:" + digest);
                    dialect.setJson(ps, 5, payload(host, image, digest));
                    ps.executeUpdate();
                }
                c.commit();
                if (System.nanoTime() >= warmupEnd) n++;
            }
            System.out.printf(Locale.ROOT, "RESULT sqlite-raw tps=%.0f transactions=%d%n", n / (double) seconds, n);
        }
    }

    /** Top methods by CPU samples: the top frame, and the first frame in the app's own code. */
    static void jfrTop(Path file, int n) throws Exception {
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> app = new HashMap<>();
        Map<String, Integer> categories = new HashMap<>();
        int total = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) continue;
                List<RecordedFrame> frames = e.getStackTrace().getFrames();
                if (frames.isEmpty()) continue;
                total++;
                top.merge(name(frames.get(0)), 1, Integer::sum);
                categories.merge(category(frames), 1, Integer::sum);
                frames.stream()
                        .filter(f -> f.getMethod().getType().getName().startsWith("dev.diundashboard"))
                        .findFirst()
                        .ifPresentOrElse(f -> app.merge(name(f), 1, Integer::sum), () -> app.merge("(no app frame)", 1, Integer::sum));
            }
        }
        print("top frames", top, total, n);
        print("innermost app frames", app, total, n);
        print("where the time goes (each sample counted once)", categories, total, n);
    }

    /** Known costs anywhere on the stack first, else the innermost frame of a known component. */
    static String category(List<RecordedFrame> frames) {
        String[][] anywhere = {
            {"com.sun.enterprise.connectors.ConnectorRuntime.getPoolType", "Payara unpooled connection handle: JNDI lookup + serialized copy of the pool config"},
            {"jakarta.json.spi.JsonProvider.provider", "JsonProvider lookup per Json.create* call"},
            {"dev.diundashboard.tokens.TokensStore.anyCreated", "webhook auth: any-token query"},
            {"jdk.jfr.", "JFR itself"},
        };
        for (RecordedFrame f : frames) {
            String n = name(f);
            for (String[] a : anywhere) if (n.startsWith(a[0])) return a[1];
        }
        String[][] components = {
            {"org.postgresql.", "PostgreSQL JDBC driver"},
            {"org.sqlite.", "sqlite-jdbc (SQLite itself)"},
            {"com.zaxxer.hikari.", "HikariCP"},
            {"org.eclipse.persistence.", "EclipseLink"},
            {"org.eclipse.yasson.", "JSON-B (Yasson)"},
            {"org.eclipse.parsson.", "JSON-P (Parsson)"},
            {"org.glassfish.jersey.", "Jersey"},
            {"org.glassfish.grizzly.", "Grizzly HTTP"},
            {"org.jboss.weld.", "Weld (CDI)"},
            {"com.sun.ejb.", "EJB container"},
            {"com.sun.enterprise.transaction.", "JTA"},
            {"com.sun.enterprise.resource.", "Payara connector pool"},
            {"com.sun.enterprise.", "Payara (other)"},
            {"fish.payara.", "Payara (other)"},
            {"org.apache.catalina.", "Servlet container"},
            {"dev.diundashboard.", "DiunDashboard code"},
        };
        for (RecordedFrame f : frames) {
            String n = name(f);
            for (String[] c : components) if (n.startsWith(c[0])) return c[1];
        }
        return "JDK / other (" + name(frames.get(0)) + ")";
    }

    static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    static void print(String title, Map<String, Integer> counts, int total, int n) {
        System.out.println("  " + title + " (of " + total + " samples):");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(n)
                .forEach(e -> System.out.printf(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
    }
}
