package io.corelink.policy;

import java.util.Arrays;
import java.util.Locale;

/**
 * A policy wildcard pattern: {@code *} matches any run of characters ({@code /} and {@code :} included), {@code ?}
 * exactly one; every other character stands for itself. Built from code points where {@link #ANY_RUN} and
 * {@link #ANY_ONE} mark the wildcards, so that a {@code ${*}} escape or a substituted variable can carry a literal
 * {@code *}.
 */
final class Glob {
    static final int ANY_RUN = -1;
    static final int ANY_ONE = -2;

    private final int[] pattern;
    private final boolean ignoreCase;

    private Glob(int[] pattern, boolean ignoreCase) {
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
    }

    /** A pattern where {@code *} and {@code ?} in {@code text} are wildcards. */
    static Glob of(String text, boolean ignoreCase) {
        int[] codes = text.codePoints().map(c -> c == '*' ? ANY_RUN : c == '?' ? ANY_ONE : c).toArray();
        return of(codes, ignoreCase);
    }

    /** A pattern of code points where {@link #ANY_RUN} and {@link #ANY_ONE} are the wildcards. */
    static Glob of(int[] codes, boolean ignoreCase) {
        int[] copy = Arrays.copyOf(codes, codes.length);
        if (ignoreCase) {
            for (int i = 0; i < copy.length; i++) {
                copy[i] = copy[i] < 0 ? copy[i] : fold(copy[i]);
            }
        }
        return new Glob(copy, ignoreCase);
    }

    /** Whether the pattern has no wildcard, so that it matches only the text it spells. */
    boolean isLiteral() {
        return Arrays.stream(pattern).allMatch(c -> c >= 0);
    }

    /** Whether {@code text} matches the whole pattern; linear in practice (greedy with one backtrack point). */
    boolean matches(String text) {
        int[] input = text.codePoints().toArray();
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = -1;
        while (t < input.length) {
            int c = ignoreCase ? fold(input[t]) : input[t];
            if (p < pattern.length && (pattern[p] == ANY_ONE || pattern[p] == c)) {
                p++;
                t++;
            } else if (p < pattern.length && pattern[p] == ANY_RUN) {
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == ANY_RUN) {
            p++;
        }
        return p == pattern.length;
    }

    private static int fold(int codePoint) {
        return Character.toLowerCase(Character.toUpperCase(codePoint));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int c : pattern) {
            if (c == ANY_RUN) {
                text.append('*');
            } else if (c == ANY_ONE) {
                text.append('?');
            } else {
                text.appendCodePoint(c);
            }
        }
        return ignoreCase ? text.toString().toLowerCase(Locale.ROOT) : text.toString();
    }
}
