package dev.diundashboard.storage;

/** A database setting that cannot work; the message names the problem and never a password. */
public class InvalidDatabaseConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidDatabaseConfigurationException(String message) {
        super(message);
    }
}
