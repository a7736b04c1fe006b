package io.corelink.wire.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official SigV4 test vectors (aws-c-auth's v4 suite and botocore's aws4_testsuite, copied into the test
 * resources with their licences): for each signed request the verifier must accept it, and the canonical request it
 * builds must equal the suite's byte for byte.
 */
class SigV4TestSuiteTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
    /**
     * botocore skips these four itself: their expected canonical forms assume a client that does not encode the path
     * or sorts by raw query bytes, neither of which an AWS SDK does for a non-S3 service.
     */
    private static final Set<String> BOTOCORE_SKIPPED = Set.of("get-space", "get-vanilla-query-order-key-case",
            "get-vanilla-query-order-key", "get-vanilla-query-order-value");

    /**
     * This .sreq carries get-vanilla's signature (5fa00fa3…) although its canonical request differs; botocore only
     * compares canonical forms. aws-c-auth's copy of the same case has a correct signature, and it passes.
     */
    private static final Set<String> BOTOCORE_STALE_SIGNATURE = Set.of("get-vanilla-with-session-token");

    record Case(String name, Path signedRequest, Path canonicalRequest) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> awsCAuthCases() throws IOException {
        Path root = resource("sigv4-testsuite/aws-c-auth-v4");
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String context = Files.readString(dir.resolve("context.json"));
                // Unnormalised vectors are for S3-style signers, which Corelink's services never are.
                if (context.contains("\"normalize\": true")) {
                    cases.add(new Case(dir.getFileName().toString(), dir.resolve("header-signed-request.txt"),
                            dir.resolve("header-canonical-request.txt")));
                }
            }
        }
        return cases.stream();
    }

    static Stream<Case> botocoreCases() throws IOException {
        Path root = resource("sigv4-testsuite/botocore-aws4_testsuite");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".sreq"))
                    .map(p -> {
                        String name = p.getFileName().toString().replace(".sreq", "");
                        return new Case(name, p, p.resolveSibling(name + ".creq"));
                    })
                    .filter(c -> !BOTOCORE_SKIPPED.contains(c.name()))
                    .sorted(java.util.Comparator.comparing(Case::name))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "aws-c-auth {0}")
    @MethodSource("awsCAuthCases")
    void awsCAuthVector_verifies_andCanonicalRequestMatches(Case vector) throws IOException {
        check(vector);
    }

    @ParameterizedTest(name = "botocore {0}")
    @MethodSource("botocoreCases")
    void botocoreVector_verifies_andCanonicalRequestMatches(Case vector) throws IOException {
        check(vector);
    }

    @org.junit.jupiter.api.Test
    void theSuitesAreAllThere() throws IOException {
        assertThat(awsCAuthCases().count()).isGreaterThanOrEqualTo(30);
        assertThat(botocoreCases().count()).isGreaterThanOrEqualTo(25);
    }

    private static void check(Case vector) throws IOException {
        SignedRequest request = parse(Files.readString(vector.signedRequest(), StandardCharsets.UTF_8));
        AuthorizationHeader header = AuthorizationHeader.parse(request.firstHeader("authorization"));
        String payloadHash = Optional.ofNullable(request.firstHeader("x-amz-content-sha256"))
                .orElse(java.util.HexFormat.of().formatHex(sha256(request.body())));
        assertThat(CanonicalRequest.of(request, header.signedHeaders(), payloadHash))
                .isEqualTo(Files.readString(vector.canonicalRequest(), StandardCharsets.UTF_8).replace("\r\n", "\n"));

        if (BOTOCORE_STALE_SIGNATURE.contains(vector.name()) && vector.signedRequest().toString().contains("botocore")) {
            return;
        }
        SigV4Verifier verifier = new SigV4Verifier(id -> Optional.of(SECRET).filter(s -> id.equals("AKIDEXAMPLE")),
                "us-east-1", Clock.fixed(SUITE_TIME, ZoneOffset.UTC));
        VerifiedCaller caller = verifier.verify(request);
        assertThat(caller.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(caller.service()).isEqualTo("service");
    }

    /** Parses a raw HTTP request of the suites: request line, headers (with folded lines), blank line, body. */
    static SignedRequest parse(String text) {
        String normalised = text.replace("\r\n", "\n");
        int blank = normalised.indexOf("\n\n");
        String head = blank < 0 ? normalised : normalised.substring(0, blank);
        String body = blank < 0 ? "" : normalised.substring(blank + 2);
        String[] lines = head.split("\n");
        Matcher requestLine = Pattern.compile("(\\S+) (.*) HTTP/1\\.1").matcher(lines[0]);
        assertThat(requestLine.matches()).as(lines[0]).isTrue();
        String target = requestLine.group(2);
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String last = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith(" ") || line.startsWith("\t")) {
                List<String> values = headers.get(last);
                values.set(values.size() - 1, values.get(values.size() - 1) + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            last = line.substring(0, colon).toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(last, k -> new ArrayList<>()).add(line.substring(colon + 1));
        }
        return new SignedRequest(requestLine.group(1), path, query, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(SigV4TestSuiteTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
