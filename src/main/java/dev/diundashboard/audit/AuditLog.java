package dev.diundashboard.audit;

import dev.diundashboard.platform.Role;
import dev.diundashboard.storage.Statements;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import java.security.Principal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Records user actions in the caller's transaction, so an action and its audit entry commit or roll
 * back together. The actor is the authenticated user, or "anonymous" when login is off, with the
 * highest role it has (with login off: admin; none for a failed login).
 */
@Stateless
@DeclareRoles({Role.VIEWER_NAME, Role.OPERATOR_NAME, Role.ADMIN_NAME, Role.LEGACY_NAME})
@Statements
public class AuditLog {

    @Inject
    EntityManager em;

    @Resource
    SessionContext session;

    public void record(String action, String target, JsonObjectBuilder details) {
        em.persist(new AuditEntry(
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                actor(),
                Role.highest(session::isCallerInRole).map(Role::roleName).orElse(null),
                action,
                target,
                details == null ? null : details.build().toString()));
    }

    private String actor() {
        Principal principal = session.getCallerPrincipal();
        String name = principal == null ? null : principal.getName();
        return name == null || name.isBlank() || "ANONYMOUS".equalsIgnoreCase(name) ? "anonymous" : name;
    }
}
