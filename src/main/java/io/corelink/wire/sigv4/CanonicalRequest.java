package io.corelink.wire.sigv4;

import io.corelink.wire.http.PercentCodec;
import io.corelink.wire.http.QueryParameters;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Builds the SigV4 canonical request the way AWS SDKs do for every service but S3: the path normalised and each
 * segment of the raw path percent-encoded once more ({@code %3A} becomes {@code %253A}); the query decoded, strictly
 * re-encoded and sorted; exactly the signed headers, trimmed, inner spaces collapsed.
 */
public final class CanonicalRequest {
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    private CanonicalRequest() {
    }

    public static String of(SignedRequest request, List<String> signedHeaders, String payloadHash) {
        return request.method() + '\n'
                + canonicalUri(request.rawPath()) + '\n'
                + canonicalQuery(request.rawQuery()) + '\n'
                + canonicalHeaders(request.headers(), signedHeaders) + '\n'
                + String.join(";", signedHeaders) + '\n'
                + payloadHash;
    }

    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        Deque<String> kept = new ArrayDeque<>();
        String[] segments = rawPath.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals("..")) {
                kept.pollLast();
            } else if (!segment.equals(".") && !(segment.isEmpty() && !last)) {
                kept.addLast(PercentCodec.encode(segment, false));
            }
        }
        StringBuilder uri = new StringBuilder();
        for (String segment : kept) {
            uri.append('/').append(segment);
        }
        if (uri.length() == 0 || rawPath.endsWith("/") && uri.charAt(uri.length() - 1) != '/') {
            uri.append('/');
        }
        return uri.toString();
    }

    /** @throws IllegalArgumentException when a pair is not validly percent-encoded */
    static String canonicalQuery(String rawQuery) {
        List<String[]> pairs = new ArrayList<>();
        for (Map.Entry<String, String> pair : QueryParameters.parse(rawQuery).pairs()) {
            pairs.add(new String[] {PercentCodec.encode(pair.getKey(), false), PercentCodec.encode(pair.getValue(), false)});
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder query = new StringBuilder();
        for (String[] pair : pairs) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(pair[0]).append('=').append(pair[1]);
        }
        return query.toString();
    }

    private static boolean hasWhitespaceRun(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) && (c != ' ' || i + 1 < value.length()
                    && Character.isWhitespace(value.charAt(i + 1)))) {
                return true;
            }
        }
        return false;
    }

    private static String canonicalHeaders(Map<String, List<String>> headers, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = headers.getOrDefault(name, List.of());
            List<String> normalised = new ArrayList<>(values.size());
            for (String value : values) {
                String stripped = value.strip();
                // Most values have no inner run of spaces: skip the regex for them.
                normalised.add(hasWhitespaceRun(stripped) ? WHITESPACE.matcher(stripped).replaceAll(" ") : stripped);
            }
            out.append(name).append(':').append(String.join(",", normalised)).append('\n');
        }
        return out.toString();
    }
}
