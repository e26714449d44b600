package dev.diundashboard.mqtt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the broker keeps for this dashboard, as far as this instance knows: each update's retained
 * config and state. It learns from what it publishes and from what the broker sends it (the retained
 * messages at subscription, and what other instances publish), and says what to publish so that the
 * broker holds exactly the pending updates. Publishing what is already there is harmless, so when in
 * doubt it publishes. Thread-safe.
 */
final class Mirror {

    private final Topics topics;
    private final Map<Long, Known> known = new HashMap<>();

    Mirror(Topics topics) {
        this.topics = topics;
    }

    /** An update's retained config and state, either null when absent or not known. */
    private record Known(String config, String state) {}

    /** After a (re)connect: the broker may have lost everything (a restart without persistence). */
    synchronized void forget() {
        known.clear();
    }

    /**
     * The messages that make the broker hold exactly these pending updates: each one that differs
     * from what is known, and a removal for every update known on the broker but not pending.
     */
    synchronized List<Message> syncAll(Collection<UpdateEntity> pending) {
        List<Message> out = new ArrayList<>();
        Set<Long> wanted = new HashSet<>();
        for (UpdateEntity e : pending) {
            wanted.add(e.id());
            publish(e, out);
        }
        for (Long id : List.copyOf(known.keySet())) {
            if (!wanted.contains(id)) {
                remove(id, out);
            }
        }
        return out;
    }

    /**
     * The messages for one update: published when pending (and not already so), removed otherwise.
     *
     * @param force remove even when nothing is known of it on the broker (a change this instance made:
     *     the broker may hold it from before this instance learned what it holds)
     */
    synchronized List<Message> sync(long id, Optional<UpdateEntity> pending, boolean force) {
        List<Message> out = new ArrayList<>();
        if (pending.isPresent()) {
            publish(pending.get(), out);
        } else if (force || known.containsKey(id)) {
            remove(id, out);
        }
        return out;
    }

    private void publish(UpdateEntity e, List<Message> out) {
        Known k = known.get(e.id());
        if (k == null || !e.config().equals(k.config())) {
            out.add(new Message(topics.config(e.id()), e.config()));
        }
        if (k == null || !e.state().equals(k.state())) {
            out.add(new Message(topics.state(e.id()), e.state()));
        }
        known.put(e.id(), new Known(e.config(), e.state()));
    }

    private void remove(long id, List<Message> out) {
        // The config first: Home Assistant removes the entity, then the state goes.
        out.add(new Message(topics.config(id), ""));
        out.add(new Message(topics.state(id), ""));
        known.remove(id);
    }

    /**
     * A message the broker sent under this dashboard's topics. Returns the update to check against
     * the database when it tells something new (another instance's publication, or a retained message
     * this instance did not know of); empty when it only confirms what was known.
     */
    synchronized Optional<Long> seen(String topic, String payload) {
        Optional<Topics.Part> part = topics.parse(topic);
        if (part.isEmpty()) {
            return Optional.empty();
        }
        long id = part.get().id();
        String value = payload.isEmpty() ? null : payload;
        Known before = known.get(id);
        String config = before == null ? null : before.config();
        String state = before == null ? null : before.state();
        if (part.get().config() ? Objects.equals(config, value) : Objects.equals(state, value)) {
            return Optional.empty();
        }
        Known after = part.get().config() ? new Known(value, state) : new Known(config, value);
        if (after.config() == null && after.state() == null) {
            known.remove(id);
        } else {
            known.put(id, after);
        }
        return Optional.of(id);
    }

    /** How many updates are known on the broker (for tests and the log). */
    synchronized int size() {
        return known.size();
    }
}
