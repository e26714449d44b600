package dev.diundashboard.security;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Proof Key for Code Exchange (RFC 7636, S256) around Jakarta Security's OpenID Connect mechanism,
 * which has none of its own in Jakarta Security 3.0. The code verifier of an authorization request is
 * derived from its {@code state} with a key this process keeps to itself: the provider never learns
 * it before the token request, the state that travels in the URL does not reveal it, and nothing needs
 * to be stored between the redirect and the callback (where the dashboard's own SameSite=Strict session
 * cookie would not even come back from the provider). A restart in between makes that one sign-in
 * fail, and the user signs in again.
 */
final class Pkce {

    /** The verifier for the token request this thread is about to make, only while it makes it. */
    private static final ThreadLocal<String> TOKEN_REQUEST = new ThreadLocal<>();

    private final byte[] key = new byte[32];

    Pkce() {
        new SecureRandom().nextBytes(key);
    }

    /** 43 characters of base64url, as RFC 7636 asks (43 to 128 of its unreserved characters). */
    String verifier(String state) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return base64url(mac.doFinal(state.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    static String challenge(String verifier) {
        try {
            return base64url(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The authorization request with its challenge added, when {@code location} is one (a redirect
     * that carries {@code response_type=code}, a {@code state} and our client id); else unchanged.
     */
    String withChallenge(String location, String clientId) {
        Optional<String> state = parameter(location, "state");
        if (state.isEmpty()
                || !parameter(location, "response_type").equals(Optional.of("code"))
                || !parameter(location, "client_id").equals(Optional.of(clientId))
                || parameter(location, "code_challenge").isPresent()) {
            return location;
        }
        return location + "&code_challenge=" + challenge(verifier(state.get())) + "&code_challenge_method=S256";
    }

    /** Runs the token request of a callback with the verifier of its state at hand. */
    <T, E extends Exception> T exchanging(String state, Work<T, E> work) throws E {
        TOKEN_REQUEST.set(verifier(state));
        try {
            return work.run();
        } finally {
            TOKEN_REQUEST.remove();
        }
    }

    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** The verifier {@link #exchanging} has set for this thread, if it has. */
    static Optional<String> tokenRequestVerifier() {
        return Optional.ofNullable(TOKEN_REQUEST.get());
    }

    static Optional<String> parameter(String location, String name) {
        String query;
        try {
            query = URI.create(location).getRawQuery();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
