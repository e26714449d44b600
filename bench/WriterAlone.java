// The group-commit writer's database work alone, in-process, without HTTP: the app's own batch
// statements (Dialect.storeAll) in transactions of BATCH notifications each, from one thread, the
// way the ingest writer runs them. Compiled with Load.java (for its payloads) by bench/ingest.sh:
//   java -cp <bench classes>:<app classes and dependencies> WriterAlone postgresql|sqlite URL SECONDS [BATCH]
// URL is a JDBC URL, or a SQLite file path (opened with the app's pragmas); the schema is created with the app's
// migrations. Prints: WRITER rows_per_s=N batches=N avg_batch=N
import dev.diundashboard.storage.Dialect;
import dev.diundashboard.storage.postgresql.PostgresDialect;
import dev.diundashboard.storage.sqlite.SqliteDialect;
import dev.diundashboard.updates.Notification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;

public class WriterAlone {

    public static void main(String[] args) throws Exception {
        boolean postgres = args[0].equals("postgresql");
        String url = postgres || args[1].startsWith("jdbc:")
                ? args[1]
                : "jdbc:sqlite:" + args[1] + "?journal_mode=WAL&synchronous=FULL&busy_timeout=2000&foreign_keys=true";
        int seconds = Integer.parseInt(args[2]);
        int batchSize = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/migration/" + (postgres ? "postgresql" : "sqlite"))
                .load()
                .migrate();
        Dialect dialect = postgres ? new PostgresDialect() : new SqliteDialect();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Connection c = DriverManager.getConnection(url)) {
            long warmupEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
            long rows = 0;
            long batches = 0;
            while (System.nanoTime() < end) {
                List<Notification> batch = new ArrayList<>(batchSize);
                for (int i = 0; i < batchSize; i++) {
                    int host = random.nextInt(Load.HOSTS);
                    int image = random.nextInt(Load.IMAGES_PER_HOST);
                    long digest = random.nextLong(1, Long.MAX_VALUE);
                    batch.add(new Notification(
                            "4.29.0",
                            "host-" + host,
                            "update",
                            "docker",
                            "docker.io/library/app" + image + ":latest",
                            "https://hub.docker.com/_/app" + image,
                            "application/vnd.docker.distribution.manifest.list.v2+json",
                            "sha256:%064x".formatted(digest),
                            Instant.parse("2024-05-01T08:20:30.123456Z"),
                            "linux/amd64",
                            "{\"ctn_names\":\"app" + image + "\",\"ctn_state\":\"running\"}",
                            Load.payload(host, image, digest)));
                }
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                dialect.begin(c);
                dialect.storeAll(c, batch, now, (index, row) -> row.getLong("id"));
                dialect.commit(c);
                if (System.nanoTime() >= warmupEnd) {
                    rows += batch.size();
                    batches++;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "WRITER rows_per_s=%.0f batches=%d avg_batch=%d%n",
                    rows / (double) seconds,
                    batches,
                    batchSize);
        }
    }
}
