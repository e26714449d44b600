package dev.diundashboard.updates;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored ignore rule; see {@link IgnoreRules} for what it matches. */
@Entity
@Table(name = "ignore_rules")
public class IgnoreRule {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String image;
    private String host;
    private String stack;

    @Column(name = "version_class")
    private String versionClass;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected IgnoreRule() {}

    IgnoreRule(IgnoreRuleBody body, Instant createdAt) {
        set(body);
        this.createdAt = createdAt;
    }

    void set(IgnoreRuleBody body) {
        image = body.image();
        host = body.host();
        stack = body.stack();
        versionClass = body.versionClass();
    }

    public Long getId() {
        return id;
    }

    IgnoreRules.Rule rule() {
        return IgnoreRules.Rule.of(id, image, host, stack, versionClass);
    }

    IgnoreRuleView view(long ignoring) {
        return new IgnoreRuleView(id, image, host, stack, versionClass, createdAt, ignoring);
    }
}
