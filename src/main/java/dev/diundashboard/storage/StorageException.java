package dev.diundashboard.storage;

/** A database failure while storing; the error mapper decides between 503 and 500 from the cause. */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
