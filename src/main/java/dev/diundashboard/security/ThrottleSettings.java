package dev.diundashboard.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code LOGIN_LOCKOUT_MAX_SECONDS}: the longest lockout after failed logins (default 900, 1 to
 * 86400); {@code TRUSTED_PROXIES}: comma-separated IP addresses of reverse proxies whose
 * {@code X-Forwarded-For} names the client (default none: the socket's address is the client).
 */
record ThrottleSettings(long maxLockoutSeconds, Set<String> trustedProxies) {

    static final long DEFAULT_MAX_LOCKOUT_SECONDS = 900;
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    /** @throws InvalidLoginConfigurationException naming the setting */
    static ThrottleSettings from(Optional<String> maxLockout, Optional<String> proxies) {
        long max = DEFAULT_MAX_LOCKOUT_SECONDS;
        if (maxLockout.isPresent()) {
            try {
                max = Long.parseLong(maxLockout.get().strip());
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 1 || max > 86_400) {
                throw new InvalidLoginConfigurationException("LOGIN_LOCKOUT_MAX_SECONDS must be 1 to 86400, not '"
                        + LoginSettings.printable(maxLockout.get()) + "'");
            }
        }
        Set<String> trusted = new LinkedHashSet<>();
        if (proxies.isPresent()) {
            if (proxies.get().isBlank()) {
                throw new InvalidLoginConfigurationException(
                        "TRUSTED_PROXIES is set but empty: list the proxies' IP addresses or unset it");
            }
            for (String entry : proxies.get().split(",", -1)) {
                String ip = normalizeIp(entry.strip());
                if (ip == null) {
                    throw new InvalidLoginConfigurationException("TRUSTED_PROXIES must list IP addresses, not '"
                            + LoginSettings.printable(entry.strip()) + "'");
                }
                trusted.add(ip);
            }
        }
        return new ThrottleSettings(max, Set.copyOf(trusted));
    }

    /** The canonical text of an IP literal (never a DNS lookup), or null when it is not one. */
    static String normalizeIp(String value) {
        String v = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        if (v.isEmpty() || !IP_LITERAL.matcher(v).matches() || (!v.contains(":") && v.split("\\.").length != 4)) {
            return null;
        }
        try {
            return InetAddress.getByName(v).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
