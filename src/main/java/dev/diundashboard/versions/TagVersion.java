package dev.diundashboard.versions;

import java.util.ArrayList;
import java.util.List;

/**
 * An image tag read as a version when it is one, so that updates can be ordered and classified by
 * number instead of by string ({@code 1.9.0} before {@code 1.10.0}).
 *
 * <p>A version is {@code prefix core suffix}:
 *
 * <ul>
 *   <li>prefix: nothing, {@code v}, {@code V}, {@code version-} or {@code release-}, and nothing
 *       else, so codenames ({@code noble-20241015}), {@code sha-1a2b3c4}, {@code pr-1234} and
 *       MinIO's {@code RELEASE.2024-10-13T13-34-11Z} are not versions: their digits are a date, a
 *       commit or a pull request, not a version number;
 *   <li>core: 1 to n dot-separated numbers of at most 18 digits ({@code 16}, {@code 1.27.3},
 *       {@code 4.0.10.2544}); calendar versions ({@code 2024.11.2}, {@code 24.04}) are versions;
 *   <li>suffix: empty, or one of {@code - _ + . ~} followed by a letter or digit and then letters,
 *       digits and {@code . _ + ~ -} ({@code -alpine3.20}, {@code -ls250}, {@code -rc.1}, {@code
 *       +build}). A letter straight after the core ({@code 2f8e3c1}, a commit) is not a version.
 *       Temurin's {@code 17.0.13_11-jre-jammy} is {@code 17.0.13} with suffix {@code _11-jre-jammy}:
 *       the {@code _11} is the JDK build, which orders like linuxserver's {@code -ls250}.
 * </ul>
 *
 * <p>The suffix's <em>shape</em> is the suffix with each run of digits replaced by {@code #}
 * ({@code -ls#}, {@code -alpine#.#}, {@code -rc.#}); its <em>numbers</em> are those runs. Two
 * versions are {@linkplain #comparableWith comparable} only with the same prefix, precision (number
 * of core parts) and suffix shape: {@code 1.27} and {@code 1.27.3}, {@code v1.2} and {@code 1.3},
 * {@code 16.4-alpine} and {@code 16.4-bookworm}, and a pre-release and its release ({@code
 * 1.0.0-rc.1}, {@code 1.0.0}) are not. Comparable versions order by core parts, then by the suffix
 * numbers, both numerically.
 *
 * <p>A tag is <em>moving</em> (the registry re-points it at new images) when it is not a version
 * ({@code latest}, {@code stable}, {@code lts}, {@code mainline}) or when it has fewer core parts
 * than the repository usually pins, two by default ({@code 16}, {@code 16-alpine}, {@code 22-jdk}).
 * Whether a two-part version moves depends on the repository ({@code postgres:16.4} is exact,
 * {@code nginx:1.27} moves), so {@link #isMoving(int)} takes the usual precision when it is known.
 * Non-versions that never move (a commit, a MinIO release) count as moving too; for them a
 * digest change is simply reported as one.
 *
 * <p>{@link #toString()} is always the original tag text; equality is equality of that text.
 */
public final class TagVersion implements Comparable<TagVersion> {

    /** The prefixes a version may have, longest first. */
    public static final List<String> PREFIXES = List.of("version-", "release-", "v", "V");
    /** A tag longer than Docker's limit is never a version. */
    public static final int MAX_LENGTH = 128;

    private static final int MAX_DIGITS = 18;
    private static final int DEFAULT_USUAL_PRECISION = 2;

    private final String text;
    private final String prefix;
    private final String core;
    private final List<Long> parts;
    private final String suffix;
    private final String suffixShape;
    private final List<Long> suffixNumbers;

    private TagVersion(
            String text,
            String prefix,
            String core,
            List<Long> parts,
            String suffix,
            String suffixShape,
            List<Long> suffixNumbers) {
        this.text = text;
        this.prefix = prefix;
        this.core = core;
        this.parts = List.copyOf(parts);
        this.suffix = suffix;
        this.suffixShape = suffixShape;
        this.suffixNumbers = List.copyOf(suffixNumbers);
    }

    /** Reads {@code tag}; any non-null text gives a result, a version or not. */
    public static TagVersion parse(String tag) {
        if (tag == null) {
            throw new IllegalArgumentException("tag must not be null");
        }
        TagVersion version = version(tag);
        return version != null ? version : new TagVersion(tag, "", "", List.of(), "", "", List.of());
    }

    private static TagVersion version(String tag) {
        if (tag.length() > MAX_LENGTH) {
            return null;
        }
        String prefix = "";
        for (String candidate : PREFIXES) {
            if (tag.startsWith(candidate)) {
                prefix = candidate;
                break;
            }
        }
        int start = prefix.length();
        if (start >= tag.length() || !isDigit(tag.charAt(start))) {
            return null;
        }
        List<Long> parts = new ArrayList<>();
        int i = start;
        while (true) {
            int end = digitsEnd(tag, i);
            if (end - i > MAX_DIGITS) {
                return null;
            }
            parts.add(Long.parseLong(tag, i, end, 10));
            i = end;
            if (i + 1 < tag.length() && tag.charAt(i) == '.' && isDigit(tag.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        String core = tag.substring(start, i);
        String suffix = tag.substring(i);
        StringBuilder shape = new StringBuilder();
        List<Long> numbers = new ArrayList<>();
        if (!suffix.isEmpty()) {
            if (suffix.length() < 2 || "-_+.~".indexOf(suffix.charAt(0)) < 0 || !isAlphanumeric(suffix.charAt(1))) {
                return null;
            }
            for (int j = 0; j < suffix.length(); ) {
                char c = suffix.charAt(j);
                if (isDigit(c)) {
                    int end = digitsEnd(suffix, j);
                    if (end - j > MAX_DIGITS) {
                        return null;
                    }
                    numbers.add(Long.parseLong(suffix, j, end, 10));
                    shape.append('#');
                    j = end;
                } else if (isAlphanumeric(c) || "-_+.~".indexOf(c) >= 0) {
                    shape.append(c);
                    j++;
                } else {
                    return null;
                }
            }
        }
        return new TagVersion(tag, prefix, core, parts, suffix, shape.toString(), numbers);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlphanumeric(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    /** Whether the tag is a version at all. */
    public boolean isVersion() {
        return !parts.isEmpty();
    }

    /** {@code v}, {@code version-}, …; empty when there is none or the tag is not a version. */
    public String prefix() {
        return prefix;
    }

    /** The core as written, e.g. {@code 24.04} or {@code 4.0.10.2544}; empty for a non-version. */
    public String core() {
        return core;
    }

    /** The core's numbers; empty for a non-version. */
    public List<Long> parts() {
        return parts;
    }

    /** Everything after the core, e.g. {@code -alpine3.20}; empty when there is none or for a non-version. */
    public String suffix() {
        return suffix;
    }

    /** The suffix with each digit run replaced by {@code #}, e.g. {@code -ls#}. */
    public String suffixShape() {
        return suffixShape;
    }

    /** The suffix's digit runs as numbers, e.g. {@code [3, 20]} for {@code -alpine3.20}. */
    public List<Long> suffixNumbers() {
        return suffixNumbers;
    }

    /** The number of core parts: 3 for {@code 1.27.3}, 0 for a non-version. */
    public int precision() {
        return parts.size();
    }

    /** Moving when not a version or with fewer than two core parts; see the class comment. */
    public boolean isMoving() {
        return isMoving(DEFAULT_USUAL_PRECISION);
    }

    /** Moving when not a version or with fewer core parts than the repository's usual {@code precision}. */
    public boolean isMoving(int usualPrecision) {
        return !isVersion() || precision() < usualPrecision;
    }

    /** Same prefix, same precision and same suffix shape, both versions. */
    public boolean comparableWith(TagVersion other) {
        return other != null
                && isVersion()
                && other.isVersion()
                && prefix.equals(other.prefix)
                && precision() == other.precision()
                && suffixShape.equals(other.suffixShape);
    }

    /**
     * Orders comparable versions by core parts, then suffix numbers, then (only to agree with equals,
     * {@code 24.04} against {@code 24.4}) by text.
     *
     * @throws IllegalArgumentException when the two are not {@linkplain #comparableWith comparable}:
     *     sort only versions of one kind, and filter with {@code comparableWith} first
     */
    @Override
    public int compareTo(TagVersion other) {
        if (!comparableWith(other)) {
            throw new IllegalArgumentException("tags '" + text + "' and '" + other + "' are not comparable versions");
        }
        int byNumbers = compareNumbers(other);
        return byNumbers != 0 ? byNumbers : text.compareTo(other.text);
    }

    /** Compares parts, then suffix numbers; 0 when the numbers are all equal. */
    int compareNumbers(TagVersion other) {
        int byParts = compare(parts, other.parts);
        return byParts != 0 ? byParts : compare(suffixNumbers, other.suffixNumbers);
    }

    private static int compare(List<Long> a, List<Long> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Long.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Whether this is a later version than {@code other}; false when the two are not comparable. */
    public boolean isNewerThan(TagVersion other) {
        return comparableWith(other) && compareNumbers(other) > 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TagVersion version && version.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The original tag text. */
    @Override
    public String toString() {
        return text;
    }
}
