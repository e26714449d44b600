package dev.diundashboard.notify;

import dev.diundashboard.platform.CanonicalJson;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored notification channel; its settings as JSON text (the config holds its secrets). */
@Entity
@Table(name = "channels")
public class Channel {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String type;

    @Column(nullable = false)
    private String mode;

    @Column(name = "window_seconds", nullable = false)
    private int windowSeconds;

    private String schedule;

    private String filter;

    @Column(nullable = false)
    private String config;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "next_digest_at")
    private Instant nextDigestAt;

    protected Channel() {}

    Channel(Instant createdAt) {
        this.createdAt = createdAt;
    }

    void set(ChannelSettings s, Instant now) {
        name = s.name();
        type = s.config().type().label();
        mode = s.mode();
        windowSeconds = s.windowSeconds();
        schedule = s.schedule() == null ? null : s.schedule().json().toString();
        filter = s.filter().equals(ChannelFilter.ALL) ? null : s.filter().json().toString();
        config = s.config().stored().toString();
        nextDigestAt = s.schedule() == null ? null : s.schedule().next(now);
    }

    public Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    String getType() {
        return type;
    }

    /** The settings as stored, for a change to start from. */
    ChannelSettings settings() {
        ChannelType t = ChannelType.parse(type);
        return new ChannelSettings(
                name,
                mode,
                windowSeconds,
                schedule == null ? null : Schedule.parse(json(schedule)),
                ChannelFilter.stored(filter),
                ChannelConfig.merged(t, json(config), null));
    }

    ChannelView view() {
        ChannelSettings s = settings();
        return new ChannelView(
                id,
                type,
                name,
                mode,
                windowSeconds,
                s.schedule() == null ? null : s.schedule().json(),
                s.filter().json(),
                s.config().masked(),
                createdAt,
                nextDigestAt);
    }

    static JsonObject json(String text) {
        return CanonicalJson.parse(text).asJsonObject();
    }
}
