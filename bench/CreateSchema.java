// Creates the DiunDashboard schema (the app's own Flyway migrations) in an empty database, for the
// benchmark. Run with the migrate jar on the class path:
//   java -cp target/diun-migrate.jar bench/CreateSchema.java <SQLite path | jdbc:postgresql://... URL>
import org.flywaydb.core.Flyway;

public class CreateSchema {
    public static void main(String[] args) {
        String target = args[0];
        boolean postgres = target.startsWith("jdbc:postgresql:");
        Flyway.configure()
                .dataSource(postgres ? target : "jdbc:sqlite:" + target, null, null)
                .locations("classpath:db/migration/" + (postgres ? "postgresql" : "sqlite"))
                .load()
                .migrate();
    }
}
