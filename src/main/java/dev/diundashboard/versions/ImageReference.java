package dev.diundashboard.versions;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference split the way registries understand it, so that one image is spelled one way
 * whether Diun sent {@code nginx}, {@code library/nginx} or {@code docker.io/library/nginx:latest}.
 *
 * <p>{@link #parse} follows the Docker reference grammar: the first path part is the registry only
 * when it contains {@code .} or {@code :} or is {@code localhost} (else the registry is {@code
 * docker.io}, and a one-part Docker Hub name gets {@code library/}); the last {@code :} after the
 * last {@code /} starts the tag, so registry ports are not mistaken for tags; the tag defaults to
 * {@code latest}, also when a digest pins the reference. The registry is lower-cased and Docker Hub's
 * aliases ({@code index.docker.io}, {@code registry-1.docker.io}) become {@code docker.io}.
 * Anything else that does not fit the grammar gives an empty result, never an exception.
 *
 * @param registry host and optional port, e.g. {@code docker.io}, {@code localhost:5000}
 * @param repository the path without registry, e.g. {@code library/nginx}, {@code group/sub/app}
 * @param tag the tag, {@code latest} when the reference had none
 * @param digest the pinned digest such as {@code sha256:…}, if any
 */
public record ImageReference(String registry, String repository, String tag, Optional<String> digest) {

    public static final String DOCKER_HUB = "docker.io";
    public static final String DEFAULT_TAG = "latest";
    /** Longest reference {@link #parse} accepts, the same as the longest stored image name. */
    public static final int MAX_LENGTH = 1024;

    private static final int MAX_REPOSITORY_LENGTH = 255;
    private static final List<String> DOCKER_HUB_ALIASES =
            List.of("docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com");

    private static final Pattern HOST = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
                    + "|\\[[0-9a-fA-F:.]+\\])(?::[0-9]{1,5})?");
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile(
            "sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}|(?!sha256:|sha512:)[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}");

    /** Checks every part, so that a reference built by hand is as valid as a parsed one. */
    public ImageReference {
        String problem = problem(registry, repository, tag, digest);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        registry = canonicalRegistry(registry);
        if (registry.equals(DOCKER_HUB) && repository.indexOf('/') < 0) {
            repository = "library/" + repository;
        }
    }

    /** Parses an image reference as Diun sends it; empty when it is not one (null, blank, malformed). */
    public static Optional<ImageReference> parse(String reference) {
        if (reference == null || reference.isEmpty() || reference.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String rest = reference;
        Optional<String> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        String tag = DEFAULT_TAG;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        if (problem(registry, rest, tag, digest) != null) {
            return Optional.empty();
        }
        return Optional.of(new ImageReference(registry, rest, tag, digest));
    }

    /** Why the parts do not form a reference, or null when they do. */
    private static String problem(String registry, String repository, String tag, Optional<String> digest) {
        if (registry == null || !HOST.matcher(registry).matches()) {
            return "registry must be a host name with an optional port";
        }
        if (repository == null
                || repository.isEmpty()
                || repository.length() > MAX_REPOSITORY_LENGTH
                || repository.startsWith("/")
                || repository.endsWith("/")) {
            return "repository must be 1 to " + MAX_REPOSITORY_LENGTH + " characters of path components";
        }
        for (String component : repository.split("/")) {
            if (!COMPONENT.matcher(component).matches()) {
                return "repository components must be lower-case letters and digits joined by . _ __ or -";
            }
        }
        if (tag == null || !TAG.matcher(tag).matches()) {
            return "tag must be 1 to 128 letters, digits, _ . or - and must not start with . or -";
        }
        if (digest == null
                || digest.isPresent() && !DIGEST.matcher(digest.get()).matches()) {
            return "digest must be algorithm:hex, e.g. sha256: and 64 lower-case hex digits";
        }
        return null;
    }

    private static String canonicalRegistry(String registry) {
        String lower = registry.toLowerCase(Locale.ROOT);
        return DOCKER_HUB_ALIASES.contains(lower) ? DOCKER_HUB : lower;
    }

    /** Whether the image lives on Docker Hub. */
    public boolean isDockerHub() {
        return registry.equals(DOCKER_HUB);
    }

    /** Whether this is a Docker Hub official image ({@code docker.io/library/<name>}). */
    public boolean isOfficial() {
        return isDockerHub() && repository.startsWith("library/") && repository.indexOf('/', 8) < 0;
    }

    /** The first path segment: the user or organisation on most registries, {@code library} for official images. */
    public String owner() {
        int slash = repository.indexOf('/');
        return slash < 0 ? repository : repository.substring(0, slash);
    }

    /** The last path segment, e.g. {@code nginx} or {@code app} of {@code group/sub/app}. */
    public String name() {
        return repository.substring(repository.lastIndexOf('/') + 1);
    }

    /** The path segments of the repository. */
    public List<String> segments() {
        return List.of(repository.split("/"));
    }

    /** Registry and repository without tag or digest, e.g. {@code docker.io/library/nginx}: what globs match. */
    public String path() {
        return registry + "/" + repository;
    }

    /** The canonical full reference, e.g. {@code docker.io/library/redis:7.2@sha256:…}. */
    @Override
    public String toString() {
        return path() + ":" + tag + digest.map(d -> "@" + d).orElse("");
    }
}
