import dev.diundashboard.storage.DatabaseSettings;
import dev.diundashboard.storage.postgresql.PostgresDialect;
import dev.diundashboard.storage.sqlite.SqliteDialect;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.flywaydb.core.Flyway;

/**
 * The benchmark's load generator, baselines and report (run by bench/ingest.sh with the app's classpath).
 *
 * <pre>
 *   ingest URL CLIENTS SECONDS   webhook load from CLIENTS threads, each one request after another;
 *                                prints one "RESULT" line (latency percentiles, errors by kind, the
 *                                load generator's own CPU)
 *   seed URL COUNT               sends each of COUNT distinct (host, image) pairs once
 *   get URL PATH REQUESTS        GET PATH one request after another, after 500 unmeasured ones
 *   list URL REQUESTS            get URL /api/updates REQUESTS
 *   pgbench-script               the app's upsert + event insert as a pgbench script
 *   sqlite-raw FILE SECONDS      the same transaction on raw sqlite-jdbc, one writer, app pragmas
 *   jdbc-url DATABASE_URL|PATH   the JDBC URL the app derives (credentials as URL parameters)
 *   jfr-top FILE N               where the CPU samples of a JFR recording are, by method
 *   report FILE                  the summary of a results file (round, figure, value per line)
 * </pre>
 *
 * <p>Load phases measure for BENCH_SECONDS after BENCH_WARMUP seconds (environment, default 3) of
 * the same load, unmeasured.
 */
public class Load {

    static final int HOSTS = 200;
    static final int IMAGES_PER_HOST = 50; // 10,000 distinct updates
    /** Diun's webhook client gives up after 10 s; so does the load generator. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    static final int WARMUP_SECONDS = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "3"));

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "ingest" -> ingest(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "seed" -> seed(args[1], Integer.parseInt(args[2]));
            case "get" -> get(args[1], args[2], Integer.parseInt(args[3]));
            case "list" -> get(args[1], "/api/updates", Integer.parseInt(args[2]));
            case "pgbench-script" -> System.out.print(pgbenchScript());
            case "sqlite-raw" -> sqliteRaw(Path.of(args[1]), Integer.parseInt(args[2]));
            case "jdbc-url" -> System.out.println(jdbcUrl(args[1]));
            case "jfr-top" -> jfrTop(Path.of(args[1]), Integer.parseInt(args[2]));
            case "report" -> Report.print(Path.of(args[1]));
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

    /**
     * HTTP/1.1 with one connection per busy client thread: the JDK client opens a new connection
     * whenever none is idle and keeps no upper bound, so 500 clients get 500 connections.
     */
    static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
    }

    /** The outcome of one request: "ok", "http<status>", or the kind of failure. */
    static String send(HttpClient http, HttpRequest request) {
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? "ok" : "http" + status;
        } catch (HttpConnectTimeoutException e) {
            return "connect_timeout";
        } catch (HttpTimeoutException e) {
            return "timeout";
        } catch (ConnectException e) {
            return "connect_refused";
        } catch (IOException e) {
            return "io_" + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (RuntimeException e) {
            return "other_" + e.getClass().getSimpleName();
        }
    }

    /** Latencies in nanoseconds, growing as needed: one per client thread. */
    static final class Latencies {
        long[] values = new long[4096];
        int size;

        void add(long value) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = value;
        }
    }

    /** CPU time of this JVM so far, in nanoseconds. */
    static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static void ingest(String base, int clients, int seconds) throws Exception {
        long cpuStart = ownCpuNanos();
        HttpClient http = client();
        URI uri = URI.create(base + "/webhook");
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(WARMUP_SECONDS).toNanos();
        long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
        AtomicLong sent = new AtomicLong();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        List<Latencies> perThread = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            Latencies latencies = new Latencies();
            perThread.add(latencies);
            futures.add(pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (true) {
                    long now = System.nanoTime();
                    if (now >= end) break;
                    String body = payload(
                            random.nextInt(HOSTS), random.nextInt(IMAGES_PER_HOST), random.nextLong(1, Long.MAX_VALUE));
                    HttpRequest request = HttpRequest.newBuilder(uri)
                            .timeout(TIMEOUT)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build();
                    String outcome = send(http, request);
                    long took = System.nanoTime() - now;
                    sent.incrementAndGet();
                    if (now >= warmupEnd) {
                        if (!outcome.equals("ok")) {
                            errors.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                        }
                        latencies.add(took);
                    }
                }
                return null;
            }));
        }
        for (var f : futures) f.get();
        pool.shutdown();
        long cpu = ownCpuNanos() - cpuStart;
        int n = perThread.stream().mapToInt(l -> l.size).sum();
        long[] all = new long[n];
        int at = 0;
        for (Latencies l : perThread) {
            System.arraycopy(l.values, 0, all, at, l.size);
            at += l.size;
        }
        Arrays.sort(all);
        long errorCount = errors.values().stream().mapToLong(AtomicLong::get).sum();
        String kinds = errors.isEmpty()
                ? "-"
                : new TreeMap<>(errors)
                        .entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
        System.out.printf(
                Locale.ROOT,
                "RESULT clients=%d requests=%d rps=%.0f p50=%.2f p95=%.2f p99=%.2f max=%.2f errors=%d error_kinds=%s"
                        + " sent=%d load_cpu_ms=%.3f%n",
                clients,
                n,
                n / (double) seconds,
                ms(all, 0.50),
                ms(all, 0.95),
                ms(all, 0.99),
                n == 0 ? Double.NaN : all[n - 1] / 1e6,
                errorCount,
                kinds,
                sent.get(),
                sent.get() == 0 ? Double.NaN : cpu / 1e6 / sent.get());
    }

    static double ms(long[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    static void seed(String base, int count) throws Exception {
        HttpClient http = client();
        URI uri = URI.create(base + "/webhook");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int host = i % HOSTS, image = i / HOSTS;
            futures.add(pool.submit(() -> {
                HttpRequest r = HttpRequest.newBuilder(uri)
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(payload(host, image, 1)))
                        .build();
                String outcome = send(http, r);
                if (!outcome.equals("ok")) errors.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                return null;
            }));
        }
        for (var f : futures) f.get();
        pool.shutdown();
        System.out.println("RESULT seeded=" + count + " errors="
                + errors.values().stream().mapToLong(AtomicLong::get).sum() + " error_kinds=" + new TreeMap<>(errors));
    }

    /** Unmeasured requests first: the JIT compiles the read paths only after a few hundred. */
    static final int WARMUP = 500;

    static void get(String base, String path, int requests) throws Exception {
        HttpClient http = client();
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).build();
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
                total = m.find() ? m.group(1) : "-";
            }
        }
        Arrays.sort(latencies);
        System.out.printf(
                Locale.ROOT,
                "RESULT get path=%s total=%s requests=%d sent=%d p50=%.2f p95=%.2f p99=%.2f errors=%d%n",
                path,
                total,
                requests,
                requests + WARMUP,
                ms(latencies, 0.50),
                ms(latencies, 0.95),
                ms(latencies, 0.99),
                errors);
    }

    /** The JDBC URL the app uses for DATABASE_URL (a postgres:// URL) or DB_PATH, user and password in it. */
    static String jdbcUrl(String target) {
        boolean postgres = target.matches("^(postgres|postgresql|jdbc:postgresql)://.*");
        Map<String, String> env = Map.of(postgres ? "DATABASE_URL" : "DB_PATH", target);
        DatabaseSettings settings = DatabaseSettings.from(env::get);
        if (!postgres) return settings.jdbcUrl();
        StringBuilder url = new StringBuilder(settings.jdbcUrl());
        if (!settings.user().isEmpty()) url.append("&user=").append(URLEncoder.encode(settings.user(), StandardCharsets.UTF_8));
        if (!settings.password().isEmpty()) {
            url.append("&password=").append(URLEncoder.encode(settings.password(), StandardCharsets.UTF_8));
        }
        return url.toString();
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
        String url = jdbcUrl(file.toString()); // the app's URL: WAL, synchronous=FULL, busy timeout, foreign keys
        Flyway.configure()
                .dataSource(url, "", "")
                .locations("classpath:db/migration/sqlite")
                .load()
                .migrate();
        SqliteDialect dialect = new SqliteDialect();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            long warmupEnd = System.nanoTime() + Duration.ofSeconds(WARMUP_SECONDS).toNanos();
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

    /**
     * The summary of a results file: one line per figure and round ("round TAB figure TAB value",
     * round 0 for figures measured once). Each figure is shown as the median over the rounds with its
     * spread (min..max); ratios are taken within a round, then summarised the same way.
     */
    static final class Report {
        final Map<String, TreeMap<Integer, String>> values = new LinkedHashMap<>();
        final List<String> targets = new ArrayList<>();
        final List<String> clients;
        int rounds;

        Report(Path file) throws IOException {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split("\t", 3);
                if (f.length < 3) continue;
                int round = Integer.parseInt(f[0]);
                values.computeIfAbsent(f[1], k -> new TreeMap<>()).put(round, f[2]);
                rounds = Math.max(rounds, round);
            }
            clients = List.of(text("meta/clients", "8 32 100 500").split(" "));
            for (String t : text("meta/targets", "ceiling postgresql sqlite").split(" ")) targets.add(t);
        }

        static void print(Path file) throws IOException {
            new Report(file).print();
        }

        String text(String key, String otherwise) {
            TreeMap<Integer, String> v = values.get(key);
            return v == null || v.isEmpty() ? otherwise : v.lastEntry().getValue();
        }

        /** The numeric values of a figure by round (NaN and text left out). */
        TreeMap<Integer, Double> numbers(String key) {
            TreeMap<Integer, Double> out = new TreeMap<>();
            values.getOrDefault(key, new TreeMap<>()).forEach((round, value) -> {
                try {
                    double d = Double.parseDouble(value);
                    if (!Double.isNaN(d)) out.put(round, d);
                } catch (NumberFormatException e) {
                    // text, or a figure that was not measured
                }
            });
            return out;
        }

        /** a / b within each round in which both were measured. */
        TreeMap<Integer, Double> ratio(String a, String b) {
            TreeMap<Integer, Double> x = numbers(a), y = numbers(b), out = new TreeMap<>();
            x.forEach((round, v) -> {
                Double w = y.get(round);
                if (w != null && w != 0) out.put(round, v / w);
            });
            return out;
        }

        static double median(List<Double> sorted) {
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        static Double median(TreeMap<Integer, Double> byRound) {
            if (byRound.isEmpty()) return null;
            return median(byRound.values().stream().sorted().toList());
        }

        static String spread(TreeMap<Integer, Double> byRound, Function<Double, String> format) {
            if (byRound.isEmpty()) return "-";
            List<Double> sorted = byRound.values().stream().sorted().toList();
            String m = format.apply(median(sorted));
            if (sorted.size() == 1) return m;
            return m + " (" + format.apply(sorted.get(0)) + ".." + format.apply(sorted.get(sorted.size() - 1)) + ")";
        }

        String spread(String key, Function<Double, String> format) {
            return spread(numbers(key), format);
        }

        static String whole(double d) {
            return String.format(Locale.ROOT, "%.0f", d);
        }

        static String millis(double d) {
            return String.format(Locale.ROOT, d < 10 ? "%.2f" : d < 100 ? "%.1f" : "%.0f", d);
        }

        static String times(double d) {
            return String.format(Locale.ROOT, "%.2f", d);
        }

        /** Sum of a count over all rounds, with its kinds merged ("http503:12,timeout:3"). */
        String errors(String prefix) {
            TreeMap<Integer, Double> counts = numbers(prefix + "/errors");
            if (counts.isEmpty()) return "-";
            long sum = counts.values().stream().mapToLong(Double::longValue).sum();
            Map<String, Long> kinds = new TreeMap<>();
            values.getOrDefault(prefix + "/error_kinds", new TreeMap<>()).values().forEach(v -> {
                if (v.equals("-")) return;
                for (String kind : v.split(",")) {
                    int colon = kind.lastIndexOf(':');
                    kinds.merge(kind.substring(0, colon), Long.parseLong(kind.substring(colon + 1)), Long::sum);
                }
            });
            return sum + (kinds.isEmpty() ? "" : " " + kinds);
        }

        long errorSum(String backend, String... atClients) {
            long sum = 0;
            for (String c : atClients) {
                sum += numbers("ingest/" + backend + "/" + c + "/errors").values().stream()
                        .mapToLong(Double::longValue)
                        .sum();
            }
            return sum;
        }

        void print() {
            System.out.printf(
                    Locale.ROOT,
                    "%n== Results: %d round(s), %s s measured after %s s of warm-up per load phase; %s%n",
                    rounds,
                    text("meta/seconds", "?"),
                    text("meta/warmup", "?"),
                    text("meta/machine", ""));
            System.out.println("   every figure: median over the rounds (min..max); ratios within each round first");

            System.out.printf(
                    Locale.ROOT,
                    "%nIngest, POST /webhook (%s)%n%-11s %7s %-20s %-20s %-20s %-20s %s%n",
                    "ceiling = hello-world JAX-RS WAR on the same Payara Micro",
                    "target",
                    "clients",
                    "req/s",
                    "p50 ms",
                    "p95 ms",
                    "p99 ms",
                    "errors, all rounds");
            for (String t : targets)
                for (String c : clients) {
                    String k = "ingest/" + t + "/" + c;
                    System.out.printf(
                            Locale.ROOT,
                            "%-11s %7s %-20s %-20s %-20s %-20s %s%n",
                            t,
                            c,
                            spread(k + "/rps", Report::whole),
                            spread(k + "/p50", Report::millis),
                            spread(k + "/p95", Report::millis),
                            spread(k + "/p99", Report::millis),
                            errors(k));
                }

            System.out.printf(
                    Locale.ROOT,
                    "%nCPU per request, ms (from /proc; warm-up requests included), and how busy the machine was%n"
                            + "%-11s %7s %-18s %-18s %-18s %s%n",
                    "target",
                    "clients",
                    "app JVM",
                    "PostgreSQL",
                    "load generator",
                    "machine busy %");
            for (String t : targets)
                for (String c : clients) {
                    String k = "ingest/" + t + "/" + c;
                    System.out.printf(
                            Locale.ROOT,
                            "%-11s %7s %-18s %-18s %-18s %s%n",
                            t,
                            c,
                            spread(k + "/app_cpu_ms", Report::millis),
                            t.equals("postgresql") ? spread(k + "/db_cpu_ms", Report::millis) : "",
                            spread(k + "/load_cpu_ms", Report::millis),
                            spread(k + "/busy_pct", Report::whole));
                }

            System.out.printf(Locale.ROOT, "%nBaselines%n");
            for (String key : values.keySet()) {
                if (key.startsWith("pgbench/") && key.endsWith("/tps")) {
                    String c = key.split("/")[1];
                    System.out.printf(
                            Locale.ROOT,
                            "pgbench, the app's transaction, %s clients%s: %s tps, p95 %s ms%n",
                            c,
                            text("pgbench/" + c + "/clients", c).equals(c)
                                    ? ""
                                    : " (run with " + text("pgbench/" + c + "/clients", c) + ", max_connections)",
                            spread(key, Report::whole),
                            spread("pgbench/" + c + "/p95", Report::millis));
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "raw sqlite-jdbc, one writer, WAL + synchronous=FULL: %s tps%n",
                    spread("raw/sqlite/tps", Report::whole));
            for (String b : List.of("postgresql", "sqlite")) {
                for (String n : List.of("32", "256")) {
                    String key = "writer/" + b + "/" + n;
                    System.out.printf(
                            Locale.ROOT,
                            "group-commit writer alone (%s, no HTTP, batches of %s): %s%n",
                            b,
                            n,
                            numbers(key + "/rows_per_s").isEmpty()
                                    ? "not run: " + text("writer/note", "no figures")
                                    : spread(key + "/rows_per_s", Report::whole) + " rows/s, "
                                            + spread(key + "/batches", Report::whole) + " batches");
                }
            }

            System.out.printf(
                    Locale.ROOT,
                    "%nReads after the ingest load, one client (%s updates)%n%-11s %-8s %-18s %-18s %-18s %-16s %s%n",
                    text("get/postgresql/list/total", "?"),
                    "backend",
                    "request",
                    "p50 ms",
                    "p95 ms",
                    "p99 ms",
                    "app CPU ms/req",
                    "errors");
            for (String b : List.of("ceiling", "postgresql", "sqlite"))
                for (String g : List.of("list", "summary")) {
                    String k = "get/" + b + "/" + g;
                    System.out.printf(
                            Locale.ROOT,
                            "%-11s %-8s %-18s %-18s %-18s %-16s %s%n",
                            b,
                            g,
                            spread(k + "/p50", Report::millis),
                            spread(k + "/p95", Report::millis),
                            spread(k + "/p99", Report::millis),
                            spread(k + "/app_cpu_ms", Report::millis),
                            numbers(k + "/errors").values().stream()
                                    .mapToLong(Double::longValue)
                                    .sum());
                }

            System.out.printf(
                    Locale.ROOT,
                    "%nApps as shipped (docker/run.sh; started one after another; bench/startup.sh measures"
                            + " startup)%n%-11s %-10s %-16s %-18s %s%n",
                    "target",
                    "ready s",
                    "RSS at ready MB",
                    "RSS after load MB",
                    "peak RSS MB");
            for (String t : targets) {
                String k = "app/" + t;
                System.out.printf(
                        Locale.ROOT,
                        "%-11s %-10s %-16s %-18s %s%n",
                        t,
                        spread(k + "/ready_s", d -> String.format(Locale.ROOT, "%.1f", d)),
                        spread(k + "/rss_ready_mb", Report::whole),
                        spread(k + "/rss_after_mb", Report::whole),
                        spread(k + "/rss_peak_mb", Report::whole));
            }

            System.out.printf(
                    Locale.ROOT,
                    "%nCopy tool against the raw sqlite3 -csv | psql \\copy pipe: %s%n",
                    numbers("copy/ratio_copy").isEmpty()
                            ? "not run (" + text("copy/note", "BENCH_COPY=0") + ")"
                            : text("copy/rows", "?") + " rows; copy phase " + spread("copy/ratio_copy", Report::times)
                                    + "x the pipe's rows/s, whole run with verification "
                                    + spread("copy/ratio_whole", Report::times) + "x; " + text("copy/identical", ""));

            System.out.printf(
                    Locale.ROOT, "%n== Targets%n%-52s %-24s %-12s %s%n", "figure", "value", "target", "verdict");
            target("PostgreSQL ingest@32 / pgbench@32 tps", ratio("ingest/postgresql/32/rps", "pgbench/32/tps"), ">=", 0.5, "x");
            target("PostgreSQL ingest@32 / ceiling@32", ratio("ingest/postgresql/32/rps", "ingest/ceiling/32/rps"), ">=", 0.5, "x");
            target("SQLite ingest@32 / raw sqlite-jdbc tps", ratio("ingest/sqlite/32/rps", "raw/sqlite/tps"), ">=", 1.0, "x");
            target("SQLite ingest@32 / ceiling@32", ratio("ingest/sqlite/32/rps", "ingest/ceiling/32/rps"), ">=", 0.5, "x");
            // The writer takes up to 256 (IngestWriter.MAX_BATCH): its capacity under a burst. Batches of 32,
            // as 32 clients make them at most, are shown for information.
            target("writer alone (PostgreSQL, 256) rows/s / pgbench@32 tps", ratio("writer/postgresql/256/rows_per_s", "pgbench/32/tps"), ">=", 2.0, "x");
            target("writer alone (PostgreSQL, 32) rows/s / pgbench@32 tps", ratio("writer/postgresql/32/rows_per_s", "pgbench/32/tps"), null, 0, "x");
            target("writer alone (SQLite, 256) rows/s / raw sqlite-jdbc tps", ratio("writer/sqlite/256/rows_per_s", "raw/sqlite/tps"), null, 0, "x");
            for (String b : List.of("postgresql", "sqlite")) {
                boolean measured = !numbers("ingest/" + b + "/100/errors").isEmpty()
                        || !numbers("ingest/" + b + "/500/errors").isEmpty();
                TreeMap<Integer, Double> sum = new TreeMap<>();
                if (measured) sum.put(0, (double) errorSum(b, "100", "500"));
                target(b + " errors at 100 and 500 clients, all rounds", sum, "<=", 0, "");
            }
            for (String b : List.of("postgresql", "sqlite"))
                target(b + " p99 at 500 clients", numbers("ingest/" + b + "/500/p99"), "<", 2000, " ms");
            for (String b : List.of("postgresql", "sqlite"))
                target(b + " list p95 (GET /api/updates, 10,000)", numbers("get/" + b + "/list/p95"), "<=", 5, " ms");
            for (String b : List.of("postgresql", "sqlite"))
                target(b + " summary p95 (GET /api/summary)", numbers("get/" + b + "/summary/p95"), "<=", 2, " ms");
            // The floor: the same paths on the ceiling WAR, answering constant JSON of the same shape.
            for (String g : List.of("list", "summary"))
                for (String b : List.of("postgresql", "sqlite"))
                    target(b + " " + g + " p95 / the ceiling's (constant JSON)", ratio("get/" + b + "/" + g + "/p95", "get/ceiling/" + g + "/p95"), null, 0, "x");
            target("copy tool, whole run with verification / raw pipe", numbers("copy/ratio_whole"), ">=", 1.2, "x");
            target("copy tool, copy phase alone / raw pipe (rows/s)", numbers("copy/ratio_copy"), null, 0, "x");
        }

        /** One line of the targets table: the median against the target; "info" without one. */
        void target(String label, TreeMap<Integer, Double> byRound, String op, double goal, String unit) {
            Function<Double, String> format = unit.equals(" ms") ? Report::millis : unit.isEmpty() ? Report::whole : Report::times;
            Double m = median(byRound);
            String verdict;
            if (op == null) verdict = "(information)";
            else if (m == null) verdict = "not measured";
            else {
                boolean met = switch (op) {
                    case ">=" -> m >= goal;
                    case "<=" -> m <= goal;
                    case "<" -> m < goal;
                    default -> throw new IllegalArgumentException(op);
                };
                verdict = met ? "met" : "MISSED";
            }
            String goalText = op == null ? "" : op + " " + format.apply(goal) + unit;
            String value = byRound.isEmpty() ? "-" : spread(byRound, format) + unit;
            System.out.printf(Locale.ROOT, "%-52s %-24s %-12s %s%n", label, value, goalText, verdict);
        }
    }
}
