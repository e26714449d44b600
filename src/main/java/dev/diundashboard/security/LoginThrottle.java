package dev.diundashboard.security;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Counts failed logins per client address and per user name, and locks a key out after
 * {@value #FREE_FAILURES} failures: 1 s after the fifth, then twice as long after each further
 * failure, up to a cap. A key's failures are forgotten {@value #FORGET_MINUTES} minutes after its
 * last failure, and at once after a successful login from that address or as that user.
 *
 * <p>An address lockout refuses every attempt from that address. A user-name lockout refuses every
 * attempt for that name except from addresses that logged in as that user before (within
 * {@value #TRUST_DAYS} days): someone guessing from elsewhere cannot lock the real user out of the
 * machines they use, and a user on a new machine waits at most the cap. Attempts refused while
 * locked are not counted, so waiting always ends a lockout. Memory is bounded: each table keeps the
 * {@value #MAX_KEYS} most recently used keys.
 */
final class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final long FORGET_MINUTES = 15;
    static final long TRUST_DAYS = 30;
    static final int MAX_KEYS = 10_000;
    private static final int MAX_NAME = 200;

    private final long capMillis;
    private final LongSupplier clock;
    private final Map<String, Failures> addresses = bounded();
    private final Map<String, Failures> users = bounded();
    private final Map<String, Long> trusted = bounded();

    LoginThrottle(long capMillis, LongSupplier clock) {
        this.capMillis = capMillis;
        this.clock = clock;
    }

    /** Milliseconds until this user may try from this address; 0 when the attempt may be checked. */
    synchronized long waitMillis(String user, String address) {
        long now = clock.getAsLong();
        long wait = remaining(addresses.get(address), now);
        if (wait == 0 && !trusted(user, address, now)) {
            wait = remaining(users.get(userKey(user)), now);
        }
        return wait;
    }

    /** Counts a failure; returns the lockout it starts in milliseconds, or 0. */
    synchronized long failed(String user, String address) {
        long now = clock.getAsLong();
        long byAddress = addresses.computeIfAbsent(address, k -> new Failures()).fail(now);
        long byUser = users.computeIfAbsent(userKey(user), k -> new Failures()).fail(now);
        return Math.max(byAddress, byUser);
    }

    synchronized void succeeded(String user, String address) {
        addresses.remove(address);
        users.remove(userKey(user));
        trusted.put(userKey(user) + "\n" + address, clock.getAsLong());
    }

    private boolean trusted(String user, String address, long now) {
        Long since = trusted.get(userKey(user) + "\n" + address);
        return since != null && now - since < TRUST_DAYS * 86_400_000L;
    }

    private long remaining(Failures f, long now) {
        return f == null ? 0 : Math.max(0, f.lockedUntil - now);
    }

    private static String userKey(String user) {
        String u = user == null ? "" : user.strip().toLowerCase(Locale.ROOT);
        return u.length() > MAX_NAME ? u.substring(0, MAX_NAME) : u;
    }

    private final class Failures {
        int count;
        long last;
        long lockedUntil;

        long fail(long now) {
            if (now - last > FORGET_MINUTES * 60_000L) {
                count = 0;
            }
            count++;
            last = now;
            if (count < FREE_FAILURES) {
                return 0;
            }
            int doublings = Math.min(count - FREE_FAILURES, 30);
            long lock = Math.min(capMillis, 1000L << doublings);
            lockedUntil = now + lock;
            return lock;
        }
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_KEYS;
            }
        };
    }
}
