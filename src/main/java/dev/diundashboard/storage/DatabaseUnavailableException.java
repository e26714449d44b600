package dev.diundashboard.storage;

/**
 * The database cannot take this request now, though it may soon: the writers' queue is full, or the
 * schema was left as it was. Storage says what happened; the web layer (platform's ErrorMapper)
 * decides that it is a 503 with Retry-After whose detail is this message.
 */
public class DatabaseUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String message) {
        super(message);
    }
}
