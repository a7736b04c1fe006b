package io.corelink.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.corelink.domain.certificate.ParsedCertificate;
import io.corelink.domain.error.DomainException;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.PathTemplate;
import io.corelink.wire.http.QueryParameters;
import io.corelink.wire.http.Route;
import io.corelink.wire.http.Router;
import io.corelink.wire.json.JsonBody;
import io.corelink.wire.sigv4.SigV4Verifier;
import io.corelink.wire.sigv4.SignedRequest;
import io.corelink.domain.error.MalformedPolicyException;
import io.corelink.policy.NamedPolicy;
import io.corelink.policy.PolicyDocument;
import io.corelink.policy.PolicyEvaluator;
import io.corelink.policy.RequestContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import io.corelink.wire.error.AwsError;
import io.corelink.wire.http.QueryXml;
import io.corelink.wire.query.QueryRequest;
import io.corelink.wire.query.QueryRouter;
import java.util.Map;
import java.util.Optional;

/**
 * The parsers that see untrusted bytes, fuzzed: whatever the input, each either succeeds or throws only what the
 * request pipeline answers with a 4xx ({@link AwsException}, a {@link DomainException}, an
 * {@link IllegalArgumentException}); anything else escaping would be a 500, and fails the test. {@code ./mvnw verify}
 * replays the corpus in {@code src/test/resources/io/corelink/fuzz/ParsersFuzzTestInputs/}; {@code ./mvnw -Pfuzz test}
 * fuzzes with coverage guidance (see the profile).
 */
class ParsersFuzzTest {
    private static final Router ROUTER = new Router(List.of(
            route("GET", "/things/{thingName}"),
            route("POST", "/greengrass/v2/coreDevices/{coreDeviceThingName}/associateClientDevices"),
            route("GET", "/greengrass/v2/coreDevices/{coreDeviceThingName}/associatedClientDevices"),
            route("GET", "/principals/things"),
            route("POST", "/tags/{resourceArn}"),
            route("GET", "/greengrass/things/{thingName}/connectivityInfo")));
    private static final SigV4Verifier VERIFIER = new SigV4Verifier(
            id -> id.equals("AKIDEXAMPLE") ? Optional.of("secret") : Optional.empty(), "us-east-1",
            Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC));

    private static Route route(String method, String template) {
        return new Route(method, PathTemplate.of(template), ServiceFamily.GREENGRASS, "Fuzz", request -> null);
    }

    private static boolean isA4xx(RuntimeException e) {
        return e instanceof AwsException || e instanceof DomainException || e instanceof IllegalArgumentException;
    }

    private static void expectOnly4xx(Runnable parse) {
        try {
            parse.run();
        } catch (RuntimeException e) {
            if (!isA4xx(e)) {
                throw e;
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void jsonBody(byte[] body) {
        expectOnly4xx(() -> {
            JsonBody parsed = JsonBody.parse(ServiceFamily.GREENGRASS, body);
            parsed.string("thingName");
            parsed.longValue("maxResults");
            parsed.bool("merge");
            parsed.strings("coreDeviceCertificates");
            parsed.stringMap("tags");
            List<JsonBody> entries = parsed.objects("entries");
            if (entries != null) {
                entries.forEach(entry -> entry.string("thingName"));
            }
            JsonBody nested = parsed.object("attributePayload");
            if (nested != null) {
                nested.stringMap("attributes");
            }
        });
    }

    @FuzzTest(maxDuration = "60s")
    void sigV4(FuzzedDataProvider data) {
        String authorization = data.consumeString(400);
        String amzDate = data.consumeBoolean() ? "20261202T100000Z" : data.consumeString(30);
        String rawPath = "/" + data.consumeString(200);
        String rawQuery = data.consumeBoolean() ? data.consumeString(200) : null;
        byte[] body = data.consumeRemainingAsBytes();
        Map<String, List<String>> headers = Map.of("authorization", List.of(authorization),
                "x-amz-date", List.of(amzDate), "host", List.of("127.0.0.1:8080"),
                "x-amz-content-sha256", List.of("UNSIGNED-PAYLOAD"));
        expectOnly4xx(() -> VERIFIER.verify(new SignedRequest("POST", rawPath, rawQuery, headers, body)));
    }

    @FuzzTest(maxDuration = "60s")
    void routingAndPercentDecoding(FuzzedDataProvider data) {
        String method = data.pickValue(new String[] {"GET", "POST", "PUT", "DELETE", "get"});
        String rawPath = data.consumeString(300);
        String rawQuery = data.consumeRemainingAsString();
        expectOnly4xx(() -> {
            ROUTER.find(method, rawPath);
            ROUTER.anyForPath(rawPath);
            QueryParameters.parse(rawQuery).first("maxResults");
        });
    }

    /**
     * The query protocol's form parser either decodes or refuses with a 4xx, and whatever a client sent comes back in
     * well-formed XML (an error message may echo it).
     */
    @FuzzTest(maxDuration = "60s")
    void queryForms(FuzzedDataProvider data) {
        String rawQuery = data.consumeString(200);
        String form = data.consumeRemainingAsString();
        expectOnly4xx(() -> {
            QueryRequest request = QueryRouter.request("r-1", ServiceFamily.IAM, "AKIDEXAMPLE", rawQuery,
                    form.getBytes(StandardCharsets.UTF_8));
            request.pairs("Tags", "Key", "Value");
            request.list("TagKeys");
            byte[] xml = QueryXml.error(ServiceFamily.IAM, AwsError.InvalidAction,
                    "Could not find operation " + request.action(), "r-1");
            try {
                javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new java.io.ByteArrayInputStream(xml));
            } catch (Exception e) {
                throw new IllegalStateException("not well-formed XML for " + request.action(), e);
            }
        });
    }

    @FuzzTest(maxDuration = "60s")
    void pemCertificates(byte[] input) {
        String pem = new String(input, StandardCharsets.UTF_8);
        expectOnly4xx(() -> ParsedCertificate.fromPem(pem).id());
        expectOnly4xx(() -> ParsedCertificate.fromPem("-----BEGIN CERTIFICATE-----\n" + pem
                + "\n-----END CERTIFICATE-----\n").id());
    }

    /** A policy document either parses or is a {@link MalformedPolicyException}; a parsed one always evaluates. */
    @FuzzTest(maxDuration = "60s")
    void policyDocument(byte[] input) {
        PolicyDocument document;
        try {
            document = PolicyDocument.parse(new String(input, StandardCharsets.UTF_8), PolicyDocument.MAX_CHARACTERS);
        } catch (MalformedPolicyException e) {
            return;
        }
        PolicyEvaluator.evaluate(List.of(new NamedPolicy("fuzz", document)), RequestContext.builder(
                "greengrass:Discover", "arn:aws:iot:us-east-1:123456789012:thing/sensor-1")
                .with("aws:username", "alice").with("aws:SourceIp", "203.0.113.7")
                .with("aws:CurrentTime", "2026-12-02T10:00:00Z").with("aws:EpochTime", "1796205600")
                .with("aws:SecureTransport", "false").withAll("aws:TagKeys", List.of("team", "cost")).build());
    }
}
