package dev.diundashboard.tags;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A label that groups image updates; an update has at most one. */
@Entity
@Table(name = "tags")
@NamedQuery(name = Tag.BY_NAME, query = "SELECT t FROM Tag t WHERE t.name = :name")
@NamedQuery(
        name = Tag.WITH_COUNTS,
        query = "SELECT t, (SELECT COUNT(u) FROM ImageUpdate u WHERE u.tag = t) FROM Tag t ORDER BY t.name, t.id")
public class Tag {

    public static final String BY_NAME = "Tag.byName";
    public static final String WITH_COUNTS = "Tag.withCounts";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Tag() {}

    public Tag(String name, Instant createdAt) {
        this.name = name;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
