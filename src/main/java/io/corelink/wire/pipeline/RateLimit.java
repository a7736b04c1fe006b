package io.corelink.wire.pipeline;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code --rate-limit SELECTOR=RATE[/BURST]} (operations.md §1): requests per second per caller for the actions
 * the selector names (an action {@code greengrass:Discover}, a wildcard {@code iot:*}, or {@code default} for every
 * action no other selector names), with a bucket of {@code burst} requests (default: the rate, at least 1).
 *
 * @throws IllegalArgumentException from {@link #parse} naming what is wrong with the text
 */
public record RateLimit(String selector, double rate, long burst) {
    public static final String DEFAULT = "default";
    private static final Pattern SELECTOR = Pattern.compile("(?i:default)|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+");

    public RateLimit {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate-limit rate must be a positive number of requests a second");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("--rate-limit burst must be at least 1");
        }
    }

    public static RateLimit parse(String text) {
        String hint = "--rate-limit must be SELECTOR=RATE[/BURST], such as greengrass:Discover=50/100, iot:*=10 or "
                + "default=100, not '" + text + "'";
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException(hint);
        }
        String selector = text.substring(0, equals).strip();
        if (!SELECTOR.matcher(selector).matches()) {
            throw new IllegalArgumentException(hint);
        }
        String[] parts = text.substring(equals + 1).strip().split("/", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException(hint);
        }
        try {
            double rate = Double.parseDouble(parts[0]);
            long burst = parts.length == 2 ? Long.parseLong(parts[1]) : Math.max(1, (long) Math.ceil(rate));
            return new RateLimit(selector.toLowerCase(Locale.ROOT).equals(DEFAULT) ? DEFAULT : selector, rate,
                    burst);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(hint);
        }
    }

    /** The selector as a pattern of actions: IAM's rule (case-insensitive, {@code *} and {@code ?}). */
    Pattern pattern() {
        return ActionPatterns.compile(DEFAULT.equals(selector) ? "*" : selector);
    }

    /** How specific the selector is: an exact action beats a wildcard, a longer wildcard a shorter, all beat default. */
    int specificity() {
        if (DEFAULT.equals(selector)) {
            return 0;
        }
        boolean wildcard = selector.indexOf('*') >= 0 || selector.indexOf('?') >= 0;
        return (wildcard ? 1_000 : 100_000) + selector.length();
    }

    @Override
    public String toString() {
        return selector + "=" + (rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate)) + "/"
                + burst;
    }
}
