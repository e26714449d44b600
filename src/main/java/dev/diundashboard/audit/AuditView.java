package dev.diundashboard.audit;

import dev.diundashboard.platform.CanonicalJson;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** An audit entry as the API shows it. */
@JsonbPropertyOrder({"at", "actor", "action", "target", "details"})
public record AuditView(Instant at, String actor, String action, String target, JsonValue details) {

    static AuditView of(AuditEntry e) {
        return new AuditView(
                e.getAt(), e.getActor(), e.getAction(), e.getTarget(), CanonicalJson.parse(e.getDetails()));
    }
}
