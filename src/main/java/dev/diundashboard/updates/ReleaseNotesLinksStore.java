package dev.diundashboard.updates;

import dev.diundashboard.platform.ApiException;
import dev.diundashboard.storage.Statements;
import dev.diundashboard.versions.LinkTemplate;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Release-notes link templates: list, create, change, delete; one transaction per call. Every change
 * gives all stored updates their links again in the same transaction ({@link SettingsChanges}).
 */
@Stateless
@Statements
public class ReleaseNotesLinksStore {

    @Inject
    EntityManager em;

    @Inject
    SettingsChanges settings;

    public List<ReleaseNotesLinkView> list() {
        return em.createQuery("SELECT l FROM ReleaseNotesLink l ORDER BY l.id", ReleaseNotesLink.class)
                .getResultStream()
                .map(ReleaseNotesLink::view)
                .toList();
    }

    public ReleaseNotesLinkView create(ReleaseNotesLinkBody body) {
        LinkTemplate template = body.compile(null, null);
        ReleaseNotesLink link = new ReleaseNotesLink(template, Instant.now().truncatedTo(ChronoUnit.MICROS));
        em.persist(link);
        settings.applied("link.create", () -> target(link), describe(template));
        return link.view();
    }

    public ReleaseNotesLinkView change(long id, ReleaseNotesLinkBody body) {
        ReleaseNotesLink link = existing(id);
        LinkTemplate template = body.compile(link.getImage(), link.getTemplate());
        link.set(template);
        settings.applied("link.update", () -> target(link), describe(template));
        return link.view();
    }

    public void delete(long id) {
        ReleaseNotesLink link = existing(id);
        em.remove(link);
        settings.applied("link.delete", () -> target(link), Json.createObjectBuilder());
    }

    private ReleaseNotesLink existing(long id) {
        ReleaseNotesLink link = em.find(ReleaseNotesLink.class, id);
        if (link == null) {
            throw ApiException.notFound("release-notes link " + id + " does not exist");
        }
        return link;
    }

    private static String target(ReleaseNotesLink link) {
        return "link " + link.getId();
    }

    private static JsonObjectBuilder describe(LinkTemplate template) {
        return Json.createObjectBuilder()
                .add("image", template.imageGlob().pattern())
                .add("template", template.urlTemplate());
    }
}
