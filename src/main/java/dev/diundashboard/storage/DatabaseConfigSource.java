package dev.diundashboard.storage;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Exposes the data source settings derived from {@code DATABASE_URL} / {@code DB_PATH} as MicroProfile
 * Config properties, so that the {@code @DataSourceDefinition} on {@link SchemaMigrator} can read them
 * with {@code ${MPCONFIG=...}} at runtime. Nothing is baked into the WAR.
 */
public class DatabaseConfigSource implements ConfigSource {

    static final String PREFIX = "diun.datasource.";
    private static final Logger LOG = Logger.getLogger(DatabaseConfigSource.class.getName());

    private volatile Map<String, String> properties;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = properties;
        if (p == null) {
            p = load();
            properties = p;
        }
        return p;
    }

    private static Map<String, String> load() {
        Map<String, String> p = new HashMap<>();
        try {
            DatabaseSettings settings = DatabaseSettings.fromEnvironment();
            settings.prepare();
            p.put(PREFIX + "driver", settings.driverClassName());
            p.put(PREFIX + "url", settings.jdbcUrl());
            p.put(PREFIX + "user", settings.user());
            p.put(PREFIX + "password", settings.password());
            p.put(PREFIX + "pool-min", String.valueOf(settings.poolMin()));
            p.put(PREFIX + "pool-max", String.valueOf(settings.poolMax()));
        } catch (InvalidDatabaseConfigurationException e) {
            // SchemaMigrator reports the problem and stops the deployment; keep the pool harmless.
            LOG.log(Level.FINE, "database settings invalid: {0}", e.getMessage());
            p.put(PREFIX + "driver", "org.postgresql.Driver");
            p.put(PREFIX + "url", "jdbc:postgresql://invalid.invalid:1/invalid");
            p.put(PREFIX + "user", "");
            p.put(PREFIX + "password", "");
            p.put(PREFIX + "pool-min", "0");
            p.put(PREFIX + "pool-max", "1");
        }
        return Map.copyOf(p);
    }

    @Override
    public Set<String> getPropertyNames() {
        return getProperties().keySet();
    }

    @Override
    public String getValue(String propertyName) {
        if (propertyName == null || !propertyName.startsWith(PREFIX)) {
            return null;
        }
        return getProperties().get(propertyName);
    }

    @Override
    public String getName() {
        return "DiunDashboard database settings";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }
}
