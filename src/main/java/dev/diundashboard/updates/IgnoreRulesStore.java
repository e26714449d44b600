package dev.diundashboard.updates;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.storage.Statements;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Ignore rules: list, create, replace, delete; one transaction per call. Every change applies the
 * rules to all stored updates again in the same transaction ({@link SettingsChanges}), so that what
 * is pending never disagrees with the rules.
 */
@Stateless
@Statements
public class IgnoreRulesStore {

    @Inject
    EntityManager em;

    @Inject
    SettingsChanges settings;

    public List<IgnoreRuleView> list() {
        return em.createQuery("SELECT r FROM IgnoreRule r ORDER BY r.id", IgnoreRule.class)
                .getResultStream()
                .map(r -> r.view(ignoring(r.getId())))
                .toList();
    }

    public IgnoreRuleView create(IgnoreRuleBody body) {
        IgnoreRule rule = new IgnoreRule(body, Instant.now().truncatedTo(ChronoUnit.MICROS));
        em.persist(rule);
        settings.applied("rule.create", () -> target(rule), describe(body));
        return rule.view(ignoring(rule.getId()));
    }

    public IgnoreRuleView replace(long id, IgnoreRuleBody body) {
        IgnoreRule rule = existing(id);
        rule.set(body);
        settings.applied("rule.update", () -> target(rule), describe(body));
        return rule.view(ignoring(id));
    }

    public void delete(long id) {
        IgnoreRule rule = existing(id);
        em.remove(rule);
        settings.applied("rule.delete", () -> target(rule), Json.createObjectBuilder());
    }

    private long ignoring(long id) {
        return em.createQuery("SELECT COUNT(u) FROM ImageUpdate u WHERE u.ignoredBy = :id", Long.class)
                .setParameter("id", id)
                .getSingleResult();
    }

    private IgnoreRule existing(long id) {
        IgnoreRule rule = em.find(IgnoreRule.class, id);
        if (rule == null) {
            throw ApiException.notFound("ignore rule " + id + " does not exist");
        }
        return rule;
    }

    private static String target(IgnoreRule rule) {
        return "rule " + rule.getId();
    }

    private static JsonObjectBuilder describe(IgnoreRuleBody body) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (body.image() != null) {
            b.add("image", body.image());
        }
        if (body.host() != null) {
            b.add("host", body.host());
        }
        if (body.stack() != null) {
            b.add("stack", body.stack());
        }
        if (body.versionClass() != null) {
            b.add("class", body.versionClass());
        }
        return b;
    }
}
