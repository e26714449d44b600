package dev.diundashboard.security;

import jakarta.security.auth.message.callback.PasswordValidationCallback;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * Checks a user name and password against the app server's own security realm. Jakarta
 * Authentication's {@link PasswordValidationCallback} is the standard way for an authentication
 * mechanism to delegate a password check to the container; Payara and GlassFish answer it from the
 * default realm ({@code security-service.default-realm}, {@code file} out of the box), and on success
 * put the user and the realm's groups into the client subject. ({@code HttpServletRequest.login} is no
 * alternative: the container refuses it while a Jakarta Security mechanism is installed.)
 */
final class RealmPasswords {

    private static final Logger LOG = Logger.getLogger(RealmPasswords.class.getName());

    private RealmPasswords() {}

    static boolean validate(HttpMessageContext context, String user, String password) {
        if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
            return false;
        }
        PasswordValidationCallback check =
                new PasswordValidationCallback(context.getClientSubject(), user, password.toCharArray());
        try {
            context.getHandler().handle(new Callback[] {check});
        } catch (IOException | UnsupportedCallbackException | RuntimeException e) {
            LOG.log(Level.WARNING, "the server's realm could not check a password: " + e, e);
            return false;
        } finally {
            check.clearPassword();
        }
        return check.getResult();
    }
}
