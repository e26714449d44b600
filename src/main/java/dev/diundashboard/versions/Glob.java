package dev.diundashboard.versions;

import java.util.Arrays;

/**
 * A path glob for image names, compiled once and matched many times (link templates, ignore rules).
 *
 * <p>{@code *} matches any run of characters, possibly empty, that contains no {@code /}; {@code
 * **} (two or more stars in a row) matches any run, {@code /} included; {@code ?} matches exactly
 * one character other than {@code /}. Every other character, regex metacharacters included, stands
 * for itself: there is no escaping, no character class and no regex underneath, so a pattern can
 * neither inject one nor backtrack for long (matching takes time proportional to the pattern length
 * times the text length). Matching is case-sensitive. Patterns are 1 to {@value #MAX_LENGTH}
 * characters.
 */
public final class Glob {

    public static final int MAX_LENGTH = 500;

    private static final char LITERAL = 'L';
    private static final char ONE = '?';
    private static final char SEGMENT = '*';
    private static final char ANY = 'A';

    private final String pattern;
    /** Parallel arrays: the kind of each step and, for literals, the character. */
    private final char[] kinds;

    private final char[] chars;

    private Glob(String pattern, char[] kinds, char[] chars) {
        this.pattern = pattern;
        this.kinds = kinds;
        this.chars = chars;
    }

    /** Compiles {@code pattern}; refuses null, empty and over-long patterns. */
    public static Glob compile(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("a glob pattern must not be empty");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a glob pattern must be at most " + MAX_LENGTH + " characters");
        }
        char[] kinds = new char[pattern.length()];
        char[] chars = new char[pattern.length()];
        int n = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                int run = 1;
                while (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                    i++;
                    run++;
                }
                kinds[n++] = run == 1 ? SEGMENT : ANY;
            } else if (c == '?') {
                kinds[n++] = ONE;
            } else {
                kinds[n] = LITERAL;
                chars[n++] = c;
            }
        }
        return new Glob(pattern, Arrays.copyOf(kinds, n), Arrays.copyOf(chars, n));
    }

    /** Whether the whole of {@code text} matches; null matches nothing. */
    public boolean matches(String text) {
        if (text == null) {
            return false;
        }
        int length = text.length();
        // reach[j]: the steps so far can consume exactly the first j characters.
        boolean[] reach = new boolean[length + 1];
        boolean[] next = new boolean[length + 1];
        reach[0] = true;
        for (int step = 0; step < kinds.length; step++) {
            boolean any = false;
            switch (kinds[step]) {
                case LITERAL -> {
                    next[0] = false;
                    for (int j = 1; j <= length; j++) {
                        next[j] = reach[j - 1] && text.charAt(j - 1) == chars[step];
                    }
                }
                case ONE -> {
                    next[0] = false;
                    for (int j = 1; j <= length; j++) {
                        next[j] = reach[j - 1] && text.charAt(j - 1) != '/';
                    }
                }
                case SEGMENT -> {
                    next[0] = reach[0];
                    for (int j = 1; j <= length; j++) {
                        next[j] = reach[j] || (next[j - 1] && text.charAt(j - 1) != '/');
                    }
                }
                default -> {
                    next[0] = reach[0];
                    for (int j = 1; j <= length; j++) {
                        next[j] = reach[j] || next[j - 1];
                    }
                }
            }
            for (boolean b : next) {
                any |= b;
            }
            if (!any) {
                return false;
            }
            boolean[] swap = reach;
            reach = next;
            next = swap;
        }
        return reach[length];
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Glob glob && glob.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
