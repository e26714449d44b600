package dev.diundashboard.storage;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the schema is usable: set once by {@link SchemaMigrator}. When the upgrade was refused
 * (no verified backup), the application stays up but reports not ready and serves no request
 * against the old schema; readiness reads the reason from here.
 */
@ApplicationScoped
public class SchemaStatus {

    private volatile String refusal;

    public void refuse(String reason) {
        this.refusal = reason;
    }

    /** Why the schema was not brought up to date, or null when it was. */
    public String refusal() {
        return refusal;
    }
}
