package dev.diundashboard.updates;

import dev.diundashboard.tags.Tag;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The latest known state of one image on one host, identified by (hostname, image). Rows are
 * created and refreshed by the per-dialect upsert; JPA reads them and changes acknowledgement and tag.
 */
@Entity
@Table(name = "updates")
@NamedQuery(
        name = ImageUpdate.HOSTS,
        query =
                "SELECT u.hostname, MAX(u.hostAlias), COUNT(u), SUM(CASE WHEN u.acknowledgedAt IS NULL AND u.snoozedUntil IS NULL AND u.ignoredBy IS NULL"
                        + " AND u.image <> '" + UpdateView.TEST_NOTIFICATION_IMAGE + "' THEN 1 ELSE 0 END)"
                        + " FROM ImageUpdate u GROUP BY u.hostname ORDER BY u.hostname")
public class ImageUpdate {

    public static final String HOSTS = "ImageUpdate.hosts";

    @Id
    private Long id;

    @Column(nullable = false)
    private String hostname;

    @Column(nullable = false)
    private String image;

    private String status;
    private String provider;

    @Column(name = "hub_link")
    private String hubLink;

    @Column(name = "mime_type")
    private String mimeType;

    private String digest;
    private Instant created;
    private String platform;

    /** JSON object text, or null. */
    private String metadata;

    @Column(name = "diun_version")
    private String diunVersion;

    @Column(name = "first_seen", nullable = false)
    private Instant firstSeen;

    @Column(name = "last_seen", nullable = false)
    private Instant lastSeen;

    @Column(name = "seen_count", nullable = false)
    private int seenCount;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "previous_digest")
    private String previousDigest;

    @Column(name = "previous_seen_at")
    private Instant previousSeenAt;

    @Column(name = "version_from")
    private String versionFrom;

    @Column(name = "version_class")
    private String versionClass;

    @Column(name = "snoozed_until")
    private Instant snoozedUntil;

    private String stack;

    @Column(name = "ignored_by")
    private Long ignoredBy;

    @Column(name = "release_notes_url")
    private String releaseNotesUrl;

    @Column(name = "host_alias")
    private String hostAlias;

    @ManyToOne(fetch = FetchType.EAGER)
    @JoinTable(
            name = "tag_assignments",
            joinColumns = @JoinColumn(name = "update_id"),
            inverseJoinColumns = @JoinColumn(name = "tag_id"))
    private Tag tag;

    protected ImageUpdate() {}

    public Long getId() {
        return id;
    }

    public String getHostname() {
        return hostname;
    }

    public String getImage() {
        return image;
    }

    public String getStatus() {
        return status;
    }

    public String getProvider() {
        return provider;
    }

    public String getHubLink() {
        return hubLink;
    }

    public String getMimeType() {
        return mimeType;
    }

    public String getDigest() {
        return digest;
    }

    public Instant getCreated() {
        return created;
    }

    public String getPlatform() {
        return platform;
    }

    public String getMetadata() {
        return metadata;
    }

    public String getDiunVersion() {
        return diunVersion;
    }

    public Instant getFirstSeen() {
        return firstSeen;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }

    public int getSeenCount() {
        return seenCount;
    }

    public Instant getAcknowledgedAt() {
        return acknowledgedAt;
    }

    public String getPreviousDigest() {
        return previousDigest;
    }

    public Instant getPreviousSeenAt() {
        return previousSeenAt;
    }

    public String getVersionFrom() {
        return versionFrom;
    }

    public String getVersionClass() {
        return versionClass;
    }

    public Long getIgnoredBy() {
        return ignoredBy;
    }

    public String getStack() {
        return stack;
    }

    public String getReleaseNotesUrl() {
        return releaseNotesUrl;
    }

    public String getHostAlias() {
        return hostAlias;
    }

    public Instant getSnoozedUntil() {
        return snoozedUntil;
    }

    /** Out of the pending list until then, or until a new digest arrives (the upsert ends it). */
    public void snooze(Instant until) {
        snoozedUntil = until;
    }

    public void unsnooze() {
        snoozedUntil = null;
    }

    public Tag getTag() {
        return tag;
    }

    /** Acknowledges at the given time; an acknowledged update keeps its first acknowledgement time. */
    public void acknowledge(Instant at) {
        if (acknowledgedAt == null) {
            acknowledgedAt = at;
        }
    }

    public void reopen() {
        acknowledgedAt = null;
    }

    public void tag(Tag newTag) {
        this.tag = newTag;
    }
}
