package dev.diundashboard.audit;

import dev.diundashboard.platform.CanonicalJson;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** An audit entry as the API shows it: who ({@code actor}, with their {@code role}) did what, when. */
@JsonbPropertyOrder({"at", "actor", "role", "action", "target", "details"})
public record AuditView(Instant at, String actor, String role, String action, String target, JsonValue details) {

    static AuditView of(AuditEntry e) {
        return new AuditView(
                e.getAt(),
                e.getActor(),
                e.getRole(),
                e.getAction(),
                e.getTarget(),
                CanonicalJson.parse(e.getDetails()));
    }
}
