package dev.diundashboard.updates;

import dev.diundashboard.tags.Tag;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns an {@link UpdateFilter} and {@link UpdateSort} into criteria; the same on both backends. */
final class UpdateCriteria {

    private UpdateCriteria() {}

    static Predicate[] where(CriteriaBuilder cb, Root<ImageUpdate> u, UpdateFilter f) {
        return where(cb, u, null, f);
    }

    /** With the query's own left join to the tag, or null to join here only when the filter needs it. */
    static Predicate[] where(CriteriaBuilder cb, Root<ImageUpdate> u, Join<ImageUpdate, Tag> tagJoin, UpdateFilter f) {
        List<Predicate> p = new ArrayList<>();
        switch (f.state()) {
            case PENDING -> {
                p.add(cb.isNull(u.get("acknowledgedAt")));
                p.add(cb.isNull(u.get("snoozedUntil")));
                p.add(cb.isNull(u.get("ignoredBy")));
                p.add(cb.notEqual(u.get("image"), UpdateView.TEST_NOTIFICATION_IMAGE));
            }
            case SNOOZED -> {
                p.add(cb.isNull(u.get("acknowledgedAt")));
                p.add(cb.isNotNull(u.get("snoozedUntil")));
            }
            case IGNORED -> {
                p.add(cb.isNull(u.get("acknowledgedAt")));
                p.add(cb.isNull(u.get("snoozedUntil")));
                p.add(cb.isNotNull(u.get("ignoredBy")));
            }
            case ACKNOWLEDGED -> p.add(cb.isNotNull(u.get("acknowledgedAt")));
            default -> {}
        }
        if (f.host() != null) {
            p.add(cb.equal(u.get("hostname"), f.host()));
        }
        if (f.stack() != null) {
            p.add(cb.equal(u.get("stack"), f.stack()));
        }
        if (f.versionClass() != null) {
            p.add(cb.equal(u.get("versionClass"), f.versionClass().wireName()));
        }
        if (f.maturity() != null) {
            Instant since = Maturity.settlingSince(Instant.now()).orElseThrow();
            p.add(
                    f.maturity() == Maturity.State.SETTLING
                            ? cb.greaterThan(u.<Instant>get("created"), since)
                            : cb.lessThanOrEqualTo(u.<Instant>get("created"), since));
        }
        if (f.status() != null) {
            p.add(cb.equal(u.get("status"), f.status()));
        }
        if (f.tagId() != null || f.untagged()) {
            Join<ImageUpdate, Tag> tag = tagJoin != null ? tagJoin : u.join("tag", JoinType.LEFT);
            p.add(f.untagged() ? cb.isNull(tag.get("id")) : cb.equal(tag.get("id"), f.tagId()));
        }
        if (f.q() != null) {
            p.add(cb.like(cb.lower(u.get("image")), "%" + escapeLike(asciiLower(f.q())) + "%", '\\'));
        }
        return p.toArray(Predicate[]::new);
    }

    static List<Order> orderBy(CriteriaBuilder cb, Root<ImageUpdate> u, UpdateSort sort) {
        return switch (sort) {
            case LAST_SEEN -> List.of(cb.desc(u.get("lastSeen")), cb.desc(u.get("id")));
            case IMAGE -> List.of(cb.asc(u.get("image")), cb.asc(u.get("hostname")), cb.asc(u.get("id")));
            case HOSTNAME -> List.of(cb.asc(u.get("hostname")), cb.asc(u.get("image")), cb.asc(u.get("id")));
        };
    }

    /** Both databases lower-case ASCII letters only (SQLite always; PostgreSQL under COLLATE "C"). */
    static String asciiLower(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
