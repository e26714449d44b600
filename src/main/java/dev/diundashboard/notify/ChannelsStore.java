package dev.diundashboard.notify;

import dev.diundashboard.audit.AuditLog;
import dev.diundashboard.platform.ApiException;
import dev.diundashboard.storage.Statements;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Channels: list, create, change, delete; one transaction per call, audited without their secrets. */
@Stateless
@Statements
public class ChannelsStore {

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    public List<ChannelView> list() {
        return em.createQuery("SELECT c FROM Channel c ORDER BY c.id", Channel.class)
                .getResultStream()
                .map(Channel::view)
                .toList();
    }

    public ChannelView create(JsonObject body) {
        ChannelSettings settings = ChannelSettings.of(body, null);
        Instant now = now();
        Channel channel = new Channel(now);
        channel.set(settings, now);
        em.persist(channel);
        em.flush();
        audit.record("channel.create", target(channel), describe(settings));
        return channel.view();
    }

    public ChannelView change(long id, JsonObject body) {
        Channel channel = existing(id);
        ChannelSettings settings = ChannelSettings.of(body, channel.settings());
        channel.set(settings, now());
        audit.record("channel.update", target(channel), describe(settings));
        return channel.view();
    }

    public void delete(long id) {
        Channel channel = existing(id);
        em.remove(channel);
        audit.record("channel.delete", target(channel), Json.createObjectBuilder());
    }

    /** The stored settings, secrets included, for a test message. */
    public ChannelSettings settings(long id) {
        return existing(id).settings();
    }

    private Channel existing(long id) {
        Channel channel = em.find(Channel.class, id);
        if (channel == null) {
            throw ApiException.notFound("channel " + id + " does not exist");
        }
        return channel;
    }

    private static String target(Channel channel) {
        return "channel " + channel.getId();
    }

    /** What changed, never a secret: the config shows masked. */
    private static JsonObjectBuilder describe(ChannelSettings s) {
        return Json.createObjectBuilder()
                .add("name", s.name())
                .add("type", s.config().type().label())
                .add("mode", s.mode())
                .add("config", s.config().masked());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
