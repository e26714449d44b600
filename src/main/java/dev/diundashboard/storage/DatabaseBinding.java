package dev.diundashboard.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Chooses the active backend from the configuration and produces its {@link EntityManager} and its
 * {@link Dialect}. Both persistence units point at the one application data source; only the active
 * one is ever used, so the other never connects.
 */
@ApplicationScoped
public class DatabaseBinding {

    public static final String DATA_SOURCE = "java:app/jdbc/diun";

    @PersistenceContext(unitName = "diun-sqlite")
    EntityManager sqlite;

    @PersistenceContext(unitName = "diun-postgresql")
    EntityManager postgresql;

    private volatile DatabaseSettings settings;

    public DatabaseSettings settings() {
        DatabaseSettings s = settings;
        if (s == null) {
            s = DatabaseSettings.fromEnvironment();
            settings = s;
        }
        return s;
    }

    public Backend backend() {
        return settings().backend();
    }

    @Produces
    EntityManager entityManager() {
        return backend() == Backend.SQLITE ? sqlite : postgresql;
    }

    @Produces
    @ApplicationScoped
    Dialect dialect() {
        return backend() == Backend.SQLITE ? new SqliteDialect() : new PostgresDialect();
    }
}
