package dev.diundashboard.tokens;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.Role;
import java.util.Locale;

/** What an API token may do: {@code read} as a viewer, {@code write} as an operator, {@code admin}. */
public enum Scope {
    READ(Role.VIEWER),
    WRITE(Role.OPERATOR),
    ADMIN(Role.ADMIN);

    private final Role role;

    Scope(Role role) {
        this.role = role;
    }

    public Role role() {
        return role;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws ApiException 400 for anything but read, write or admin */
    public static Scope parse(String label) {
        for (Scope s : values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        throw ApiException.badRequest("scope must be read, write or admin");
    }
}
