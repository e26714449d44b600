package dev.diundashboard.updates;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The name the page shows for a host; the hostname Diun sends stays the host's identity. */
@Entity
@Table(name = "host_aliases")
public class HostAlias {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String hostname;

    @Column(nullable = false)
    private String alias;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected HostAlias() {}

    HostAlias(String hostname) {
        this.hostname = hostname;
    }

    void set(String alias, Instant at) {
        this.alias = alias;
        this.updatedAt = at;
    }

    HostAliasView view() {
        return new HostAliasView(hostname, alias);
    }
}
