package dev.diundashboard.storage.sqlite;

import java.nio.file.Path;

/** How the application opens its SQLite file: the JDBC URL and its pragmas. */
public final class SqliteConnectionSettings {

    public static final String DRIVER = "org.sqlite.JDBC";

    /**
     * How long a statement waits for a file lock taken by another process (a backup, the sqlite3
     * shell): with the write gate's 5 s, a request gives up within Diun's 10 s. In the URL, not a
     * PRAGMA: sqlite-jdbc restores the URL's value after every statement with a query timeout.
     */
    static final int BUSY_TIMEOUT_MILLIS = 2_000;

    private SqliteConnectionSettings() {}

    /** WAL, full sync (a stored webhook survives power loss) and enforced foreign keys. */
    public static String jdbcUrl(Path file) {
        return "jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=FULL&busy_timeout=" + BUSY_TIMEOUT_MILLIS
                + "&foreign_keys=true";
    }
}
