package dev.diundashboard.versions;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A user-defined release-notes link for the images a {@link Glob} matches, for the registries {@link
 * ReleaseNotes} knows nothing about.
 *
 * <p>The glob is matched against {@link ImageReference#path()}, e.g. {@code docker.io/library/nginx}
 * or {@code registry.gitlab.com/group/sub/app}. The URL template may use {@code {owner}} (the first
 * repository segment), {@code {repo}} (the last one), {@code {tag}} (the image's tag) and {@code
 * {version}} (the version's core, e.g. {@code 1.4.2} of {@code v1.4.2-alpine}; a template that uses
 * it gives no link for a tag that is not a version). Each value is percent-encoded as a URL path
 * segment, so a value can never add a path, query or fragment of its own.
 *
 * <p>A template is refused unless it starts with {@code http://} or {@code https://}, names a host,
 * has no user info, has no placeholder before the path (the host is fixed when the template is
 * written), uses only the four placeholders and is at most {@value #MAX_LENGTH} characters, so that
 * every link it gives is an http(s) link to the host its author chose.
 */
public final class LinkTemplate {

    public static final int MAX_LENGTH = 2000;
    public static final List<String> PLACEHOLDERS = List.of("{owner}", "{repo}", "{tag}", "{version}");

    private final Glob imageGlob;
    private final String urlTemplate;
    private final String host;

    private LinkTemplate(Glob imageGlob, String urlTemplate, String host) {
        this.imageGlob = imageGlob;
        this.urlTemplate = urlTemplate;
        this.host = host;
    }

    /**
     * Checks and compiles a template.
     *
     * @throws IllegalArgumentException with a message saying what is wrong, for a bad glob or URL
     */
    public static LinkTemplate of(String imageGlob, String urlTemplate) {
        Glob glob = Glob.compile(imageGlob);
        if (urlTemplate == null || urlTemplate.isEmpty()) {
            throw new IllegalArgumentException("a link template must not be empty");
        }
        if (urlTemplate.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a link template must be at most " + MAX_LENGTH + " characters");
        }
        if (!urlTemplate.startsWith("http://") && !urlTemplate.startsWith("https://")) {
            throw new IllegalArgumentException("a link template must start with http:// or https://");
        }
        String sample = fill(urlTemplate, "x", "x", "x", "x");
        int authorityStart = urlTemplate.indexOf("://") + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < urlTemplate.length() && "/?#".indexOf(urlTemplate.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = urlTemplate.substring(authorityStart, authorityEnd);
        if (authority.isEmpty()) {
            throw new IllegalArgumentException("a link template must name a host");
        }
        if (authority.indexOf('{') >= 0 || authority.indexOf('}') >= 0) {
            throw new IllegalArgumentException("a link template must not have placeholders in its host");
        }
        return new LinkTemplate(glob, urlTemplate, checkedHost(sample));
    }

    /** Replaces the placeholders, refusing any other brace; values are encoded already. */
    private static String fill(String template, String owner, String repo, String tag, String version) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '}') {
                throw new IllegalArgumentException("a link template has a '}' without '{'");
            }
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int close = template.indexOf('}', i);
            if (close < 0) {
                throw new IllegalArgumentException("a link template has a '{' without '}'");
            }
            String placeholder = template.substring(i, close + 1);
            switch (placeholder) {
                case "{owner}" -> out.append(owner);
                case "{repo}" -> out.append(repo);
                case "{tag}" -> out.append(tag);
                case "{version}" -> out.append(version);
                default ->
                    throw new IllegalArgumentException(
                            "a link template may only use the placeholders " + String.join(", ", PLACEHOLDERS));
            }
            i = close + 1;
        }
        return out.toString();
    }

    /** The host of an http(s) URL with a host and no user info, else an exception. */
    private static String checkedHost(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("a link template must be a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("a link template must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("a link template must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("a link template must not have user info before the host");
        }
        return uri.getHost();
    }

    /** Whether the template is for this image. */
    public boolean appliesTo(ImageReference image) {
        return image != null && imageGlob.matches(image.path());
    }

    /** The link for an image, reading its own tag as the version. */
    public Optional<String> expand(ImageReference image) {
        return image == null ? Optional.empty() : expand(image, TagVersion.parse(image.tag()));
    }

    /**
     * The link for an image; empty when the glob does not match, when the template uses {@code
     * {version}} and {@code versionOrNull} is null or not a version, or when the link would be longer
     * than {@value #MAX_LENGTH} characters.
     */
    public Optional<String> expand(ImageReference image, TagVersion versionOrNull) {
        if (!appliesTo(image)) {
            return Optional.empty();
        }
        boolean isVersion = versionOrNull != null && versionOrNull.isVersion();
        if (!isVersion && urlTemplate.contains("{version}")) {
            return Optional.empty();
        }
        String url = fill(
                urlTemplate,
                encode(image.owner()),
                encode(image.name()),
                encode(image.tag()),
                isVersion ? encode(versionOrNull.core()) : "");
        if (url.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            if (!checkedHost(url).equals(host)) {
                return Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(url);
    }

    /**
     * Percent-encodes {@code value} as one URL path segment: everything but {@code A-Z a-z 0-9 - . _
     * ~} becomes {@code %XX} of its UTF-8 bytes, and the segments {@code .} and {@code ..}, which
     * would climb the path, are encoded whole.
     */
    static String encode(String value) {
        if (value.equals(".") || value.equals("..")) {
            return value.replace(".", "%2E");
        }
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** The image glob. */
    public Glob imageGlob() {
        return imageGlob;
    }

    /** The URL template as written. */
    public String urlTemplate() {
        return urlTemplate;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LinkTemplate template
                && template.imageGlob.equals(imageGlob)
                && template.urlTemplate.equals(urlTemplate);
    }

    @Override
    public int hashCode() {
        return 31 * imageGlob.hashCode() + urlTemplate.hashCode();
    }

    @Override
    public String toString() {
        return imageGlob + " -> " + urlTemplate;
    }
}
