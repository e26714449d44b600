package dev.diundashboard.mqtt;

import dev.diundashboard.updates.PageLinks;
import dev.diundashboard.updates.UpdateView;
import dev.diundashboard.updates.VersionJump;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/**
 * One pending update as Home Assistant's MQTT {@code update} platform reads it: the retained
 * discovery message and the retained JSON state. Both are built from the stored update alone, in a
 * fixed key order, so every instance that publishes the same update publishes the same bytes.
 *
 * <p>The state names the installed and the latest version: the version jump's two tags where the tag
 * changed, else the previous and the new digest, shortened ({@code sha256:} and 12 hex digits). Home
 * Assistant shows the entity as "update available" when the two differ and it cannot tell that the
 * latest is older; digests it cannot compare, so a new digest always shows.
 */
record UpdateEntity(long id, String config, String state) {

    /** Looked up once: each {@code Json.create...} call searches the class path for a provider. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** Home Assistant keeps at most this many characters of a release summary. */
    static final int SUMMARY_CHARS = 255;

    static final int DIGEST_HEX = 12;

    /** What the entity shows of an update. */
    record Facts(
            long id,
            String hostname,
            String hostAlias,
            String image,
            String digest,
            String previousDigest,
            VersionJump version,
            String releaseNotesUrl,
            String hubLink) {

        static Facts of(UpdateView u) {
            return new Facts(
                    u.id(),
                    u.hostname(),
                    u.hostAlias(),
                    u.image(),
                    u.digest(),
                    u.previousDigest(),
                    u.version(),
                    u.releaseNotesUrl(),
                    u.hubLink());
        }
    }

    static UpdateEntity of(UpdateView u, Topics topics) {
        return of(Facts.of(u), topics);
    }

    static UpdateEntity of(Facts u, Topics topics) {
        String hostname = u.hostname() == null ? "" : u.hostname();
        // The device is the host Diun names; it shows the host's alias when it has one.
        String host = u.hostAlias() != null ? u.hostAlias() : hostname;
        JsonObjectBuilder device = JSON.createObjectBuilder()
                .add("identifiers", JSON.createArrayBuilder().add(Topics.NODE + "_host_" + hostname))
                .add("name", host.isEmpty() ? "(no hostname)" : host)
                .add("manufacturer", "DiunDashboard")
                .add("model", "Host watched by Diun");
        String config = JSON.createObjectBuilder()
                .add("name", shortName(u.image()))
                .add("unique_id", Topics.NODE + "_update_" + u.id())
                .add("state_topic", topics.state(u.id()))
                .add("availability_topic", topics.availability())
                .add("payload_available", Topics.ONLINE)
                .add("payload_not_available", Topics.OFFLINE)
                .add("device", device)
                .add("origin", JSON.createObjectBuilder().add("name", "DiunDashboard"))
                .add("qos", 1)
                .build()
                .toString();

        Versions v = versions(u);
        JsonObjectBuilder state = JSON.createObjectBuilder()
                .add("installed_version", v.installed())
                .add("latest_version", v.latest())
                .add("title", withoutDigest(u.image()))
                .add("release_summary", summary(u, v, host));
        String link = releaseUrl(u);
        if (link != null) {
            state.add("release_url", link);
        }
        return new UpdateEntity(u.id(), config, state.build().toString());
    }

    record Versions(String installed, String latest, String kind) {}

    static Versions versions(Facts u) {
        VersionJump jump = u.version();
        if (jump != null
                && jump.current() != null
                && jump.latest() != null
                && !jump.current().equals(jump.latest())) {
            return new Versions(jump.current(), jump.latest(), jump.versionClass());
        }
        String latest = u.digest() == null ? "unknown" : shortDigest(u.digest());
        String installed = u.previousDigest() == null ? "unknown" : shortDigest(u.previousDigest());
        return new Versions(installed, latest, u.previousDigest() == null ? "new image" : "digest");
    }

    /** {@code sha256:} and the first {@value #DIGEST_HEX} hex digits, as registries show digests. */
    static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        int end = Math.min(digest.length(), colon + 1 + DIGEST_HEX);
        return digest.substring(0, end);
    }

    private static String summary(Facts u, Versions v, String host) {
        String what = switch (v.kind()) {
            case "new image" -> "New image";
            case "digest" -> "New digest";
            default -> capitalized(v.kind()) + " update";
        };
        String text = what + " of " + withoutDigest(u.image()) + (host.isEmpty() ? "" : " on " + host) + ": "
                + v.installed() + " → " + v.latest();
        return text.length() <= SUMMARY_CHARS ? text : text.substring(0, SUMMARY_CHARS - 1) + "…";
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The update's release-notes link, else its registry page; only http(s) links. */
    static String releaseUrl(Facts u) {
        String notes = PageLinks.httpOnly(u.releaseNotesUrl());
        return notes != null ? notes : PageLinks.httpOnly(u.hubLink());
    }

    /** The image without a digest: {@code docker.io/library/nginx:1.27}. */
    static String withoutDigest(String image) {
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }

    /** The last part of the repository and the tag: {@code nginx:1.27}. */
    static String shortName(String image) {
        String name = withoutDigest(image);
        return name.substring(name.lastIndexOf('/') + 1);
    }
}
