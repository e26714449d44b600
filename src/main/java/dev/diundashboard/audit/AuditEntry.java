package dev.diundashboard.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One user action: who, when, what, on what, with details as a JSON object. Insert-only. */
@Entity
@Table(name = "audit_log")
@NamedQuery(name = AuditEntry.NEWEST_FIRST, query = "SELECT a FROM AuditEntry a ORDER BY a.at DESC, a.id DESC")
@NamedQuery(name = AuditEntry.COUNT, query = "SELECT COUNT(a) FROM AuditEntry a")
public class AuditEntry {

    public static final String NEWEST_FIRST = "AuditEntry.newestFirst";
    public static final String COUNT = "AuditEntry.count";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private Instant at;

    @Column(nullable = false)
    private String actor;

    @Column(nullable = false)
    private String action;

    private String target;

    /** JSON object text. */
    private String details;

    /** The actor's role; null for entries from before roles. */
    private String role;

    protected AuditEntry() {}

    AuditEntry(Instant at, String actor, String role, String action, String target, String details) {
        this.at = at;
        this.actor = actor;
        this.role = role;
        this.action = action;
        this.target = target;
        this.details = details;
    }

    public Instant getAt() {
        return at;
    }

    public String getActor() {
        return actor;
    }

    public String getRole() {
        return role;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public String getDetails() {
        return details;
    }
}
