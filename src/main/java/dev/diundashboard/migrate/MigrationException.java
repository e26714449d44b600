package dev.diundashboard.migrate;

/** A reason to stop, with the exit code the command returns for it. */
class MigrationException extends RuntimeException {

    private final int exitCode;

    MigrationException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    MigrationException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    /** The copy would change existing data or cannot be done with these two databases. */
    static MigrationException refused(String message) {
        return new MigrationException(ExitCodes.REFUSED, message);
    }

    /** A database could not be reached, opened or read. */
    static MigrationException database(String message, Throwable cause) {
        return new MigrationException(ExitCodes.DATABASE, message, cause);
    }
}
