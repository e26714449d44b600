package dev.diundashboard.versions;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an image's release notes probably are, worked out from its name alone: the dashboard links
 * to them without calling any registry or GitHub.
 *
 * <ul>
 *   <li>linuxserver.io ({@code lscr.io}, {@code ghcr.io} or {@code docker.io}, {@code
 *       linuxserver/<name>}): {@code https://github.com/linuxserver/docker-<name>/releases};
 *   <li>other GHCR images ({@code ghcr.io/<owner>/<repo>[/…]}): {@code
 *       https://github.com/<owner>/<repo>/releases}, as GHCR packages usually come from the
 *       repository of the same name (a guess: the link may be a 404);
 *   <li>Docker Hub official images ({@code docker.io/library/<name>}): the image's manifest in
 *       {@code docker-library/official-images}, which lists its tags and their sources;
 *   <li>Quay ({@code quay.io/<ns>/<repo>}): the repository's tag list.
 * </ul>
 *
 * For the GitHub links, a tag that is a version adds {@code /tag/<tag>} with the tag as written,
 * which is how most projects name their releases; for linuxserver only a tag ending in {@code
 * -ls<build>} does, since their releases are named {@code 4.0.10.2544-ls250} and a {@code
 * version-4.0.10.2544} tag has no release of its own. Everything else gives no link;
 * {@link LinkTemplate} covers it. The hub link Diun sends is read only when the image itself gives
 * no link (a pull-through mirror of a known image, say), and only the Docker Hub, GHCR and Quay
 * pages it can point to.
 */
public final class ReleaseNotes {

    private static final List<String> LINUXSERVER_REGISTRIES = List.of("lscr.io", "ghcr.io", "docker.io");

    /** The characters a repository path may have; a tag, digest or port in a hub link is refused. */
    private static final Pattern HUB_PATH = Pattern.compile("[a-z0-9._/-]+");

    private ReleaseNotes() {}

    /** As {@link #derive(ImageReference, String, TagVersion)}, reading the image's own tag as the version. */
    public static Optional<String> derive(ImageReference image, String hubLink) {
        return derive(image, hubLink, image == null ? null : TagVersion.parse(image.tag()));
    }

    /**
     * The release-notes link for an image, or empty when there is no rule for it.
     *
     * @param image the image, or null when only the hub link is known
     * @param hubLink Diun's {@code hub_link}, may be null or empty
     * @param versionOrNull the tag as a version; null or a non-version links to the release list
     */
    public static Optional<String> derive(ImageReference image, String hubLink, TagVersion versionOrNull) {
        TagVersion version = versionOrNull != null && versionOrNull.isVersion() ? versionOrNull : null;
        Optional<String> link =
                image == null ? Optional.empty() : forImage(image.registry(), image.segments(), version);
        if (link.isEmpty()) {
            link = fromHubLink(hubLink).flatMap(hub -> forImage(hub.registry(), hub.segments(), version));
        }
        return link;
    }

    private static Optional<String> forImage(String registry, List<String> segments, TagVersion version) {
        if (LINUXSERVER_REGISTRIES.contains(registry)
                && segments.size() == 2
                && segments.get(0).equals("linuxserver")) {
            boolean release = version != null && version.suffixShape().endsWith("-ls#");
            return Optional.of(github("linuxserver", "docker-" + segments.get(1), release ? version : null));
        }
        if (registry.equals("ghcr.io") && segments.size() >= 2) {
            return Optional.of(github(segments.get(0), segments.get(1), version));
        }
        if (registry.equals(ImageReference.DOCKER_HUB)
                && segments.size() == 2
                && segments.get(0).equals("library")) {
            return Optional.of("https://github.com/docker-library/official-images/blob/master/library/"
                    + LinkTemplate.encode(segments.get(1)));
        }
        if (registry.equals("quay.io") && segments.size() == 2) {
            return Optional.of("https://quay.io/repository/" + LinkTemplate.encode(segments.get(0)) + "/"
                    + LinkTemplate.encode(segments.get(1)) + "?tab=tags");
        }
        return Optional.empty();
    }

    private static String github(String owner, String repo, TagVersion tag) {
        String releases =
                "https://github.com/" + LinkTemplate.encode(owner) + "/" + LinkTemplate.encode(repo) + "/releases";
        return tag == null ? releases : releases + "/tag/" + LinkTemplate.encode(tag.toString());
    }

    /** The image a Docker Hub, GHCR or Quay page is about, or empty for any other link. */
    static Optional<ImageReference> fromHubLink(String hubLink) {
        if (hubLink == null || hubLink.isEmpty() || hubLink.length() > ImageReference.MAX_LENGTH) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(hubLink);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getPort() != -1
                || uri.getRawPath() == null) {
            return Optional.empty();
        }
        String path = uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String registry = null;
        String repository = null;
        switch (uri.getHost()) {
            case "hub.docker.com" -> {
                registry = ImageReference.DOCKER_HUB;
                repository = path.startsWith("/_/")
                        ? "library/" + path.substring(3)
                        : path.startsWith("/r/") ? path.substring(3) : null;
            }
            case "ghcr.io" -> {
                registry = "ghcr.io";
                repository = path.isEmpty() ? null : path.substring(1);
            }
            case "quay.io" -> {
                registry = "quay.io";
                repository = path.startsWith("/repository/") ? path.substring(12) : null;
            }
            default -> {}
        }
        if (repository == null || !HUB_PATH.matcher(repository).matches()) {
            return Optional.empty();
        }
        String expected = registry;
        return ImageReference.parse(registry + "/" + repository)
                .filter(parsed -> parsed.registry().equals(expected));
    }
}
