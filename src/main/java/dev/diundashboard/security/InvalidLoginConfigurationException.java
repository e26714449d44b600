package dev.diundashboard.security;

/** A login setting that cannot work; the message names the problem and never a password. */
public class InvalidLoginConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidLoginConfigurationException(String message) {
        super(message);
    }
}
