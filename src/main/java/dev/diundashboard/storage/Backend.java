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

    /** The backend of a connection, from {@code DatabaseMetaData.getDatabaseProductName()}. */
    public static Backend ofProductName(String productName) {
        for (Backend backend : values()) {
            if (backend.displayName.equalsIgnoreCase(productName)) {
                return backend;
            }
        }
        throw new InvalidDatabaseConfigurationException(
                "unsupported database '" + productName + "'; DiunDashboard runs on SQLite or PostgreSQL");
    }

    /** The Flyway location of this backend's migrations. */
    public String migrationLocation() {
        return "classpath:db/migration/" + folder;
    }

    public String displayName() {
        return displayName;
    }
}
