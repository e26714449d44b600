package dev.diundashboard.storage.sqlite;

/**
 * The schema upgrade did not start because the SQLite file could not be backed up first. The
 * message says why and what to do; the application stays up and reports it as not ready.
 */
public class UpgradeRefusedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public UpgradeRefusedException(String message) {
        super(message);
    }

    public UpgradeRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
