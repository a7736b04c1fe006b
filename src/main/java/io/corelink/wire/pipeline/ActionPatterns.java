package io.corelink.wire.pipeline;

import java.util.regex.Pattern;

/** Actions named the way IAM names them in a policy: {@code service:Operation}, case-insensitive, {@code *} and {@code ?}. */
final class ActionPatterns {
    private ActionPatterns() {
    }

    static Pattern compile(String action) {
        StringBuilder regex = new StringBuilder();
        for (char c : action.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }
}
