package dev.diundashboard.updates;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.platform.InputRules;
import dev.diundashboard.storage.Statements;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Host aliases: set or remove the name shown for a host that has sent notifications; one transaction
 * per call. Every change reaches the host's stored updates in the same transaction ({@link
 * SettingsChanges}).
 */
@Stateless
@Statements
public class HostAliasesStore {

    @Inject
    EntityManager em;

    @Inject
    SettingsChanges settings;

    public HostAliasView set(String hostname, HostAliasBody body) {
        String host = known(hostname);
        HostAlias alias = find(host);
        if (alias == null) {
            alias = new HostAlias(host);
            alias.set(body.alias(), now());
            em.persist(alias);
        } else {
            alias.set(body.alias(), now());
        }
        settings.applied(
                "host.alias", () -> "host " + host, Json.createObjectBuilder().add("alias", body.alias()));
        return alias.view();
    }

    public void remove(String hostname) {
        String host = InputRules.line("hostname", hostname, InputRules.HOSTNAME_BYTES);
        HostAlias alias = find(host);
        if (alias == null) {
            throw ApiException.notFound("host " + host + " has no alias");
        }
        em.remove(alias);
        settings.applied("host.unalias", () -> "host " + host, Json.createObjectBuilder());
    }

    /** The hostname, if some stored update came from it; else a 404. */
    private String known(String hostname) {
        String host = InputRules.line("hostname", hostname, InputRules.HOSTNAME_BYTES);
        boolean seen = !em.createQuery("SELECT u.id FROM ImageUpdate u WHERE u.hostname = :host", Long.class)
                .setParameter("host", host)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
        if (!seen) {
            throw ApiException.notFound("no update from host " + host + " is stored");
        }
        return host;
    }

    private HostAlias find(String hostname) {
        return em.createQuery("SELECT a FROM HostAlias a WHERE a.hostname = :host", HostAlias.class)
                .setParameter("host", hostname)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
