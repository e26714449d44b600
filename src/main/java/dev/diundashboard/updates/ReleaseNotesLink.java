package dev.diundashboard.updates;

import dev.diundashboard.versions.LinkTemplate;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored release-notes link template; see {@link ReleaseNotesLinks} for how it is used. */
@Entity
@Table(name = "link_templates")
public class ReleaseNotesLink {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String image;

    @Column(nullable = false)
    private String template;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ReleaseNotesLink() {}

    ReleaseNotesLink(LinkTemplate link, Instant createdAt) {
        set(link);
        this.createdAt = createdAt;
    }

    void set(LinkTemplate link) {
        image = link.imageGlob().pattern();
        template = link.urlTemplate();
    }

    public Long getId() {
        return id;
    }

    String getImage() {
        return image;
    }

    String getTemplate() {
        return template;
    }

    ReleaseNotesLinkView view() {
        return new ReleaseNotesLinkView(id, image, template, createdAt);
    }
}
