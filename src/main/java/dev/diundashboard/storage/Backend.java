package dev.diundashboard.storage;

/** The two databases the product runs on. */
public enum Backend {
    SQLITE("sqlite", "SQLite"),
    POSTGRESQL("postgresql", "PostgreSQL");

    private final String folder;
    private final String displayName;

    Backend(String folder, String displayName) {
        this.folder = folder;
        this.displayName = displayName;
    }

    /** The Flyway location of this backend's migrations. */
    public String migrationLocation() {
        return "classpath:db/migration/" + folder;
    }

    public String persistenceUnit() {
        return "diun-" + folder;
    }

    public String displayName() {
        return displayName;
    }
}
