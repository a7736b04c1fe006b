package io.corelink.wire.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.testing.RawClient;
import io.corelink.testing.RawClient.RawResponse;
import io.corelink.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wire contract of the control plane with requests written byte by byte and signed by the AWS SDK's own SigV4
 * signer: headers of every answer, SigV4 edge cases, and the error table of control-plane.md §2.
 */
class ControlPlaneWireTest {
    private static TestServer server;
    private static RawClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        client = server.raw();
        assertThat(client.request("POST", "/things/wire%3Athing").body("{}").send().status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyAnswer_carriesRequestIdDateAndJsonContentType() {
        RawResponse ok = client.request("GET", "/things/wire%3Athing").send();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("x-amzn-RequestId")).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(ok.header("Content-Type")).isEqualTo("application/json");
        assertThat(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(ok.header("Date"))))
                .isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(Duration.ofMinutes(1).toMillis(),
                        java.time.temporal.ChronoUnit.MILLIS));
        assertThat(ok.body()).contains("\"thingName\":\"wire:thing\"");

        RawResponse error = client.request("GET", "/things/missing").send();
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.header("x-amzn-RequestId")).isNotBlank();
        assertThat(error.header("x-amzn-ErrorType")).isEqualTo("ResourceNotFoundException");
        assertThat(error.body()).isEqualTo("{\"message\":\"Thing missing cannot be found.\"}");
    }

    @Test
    void health_answersWithoutAuthentication() {
        RawResponse health = client.request("GET", "/_corelink/health").unsigned().send();
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void pathLabels_arePercentDecodedOnce_andSignedDoubleEncoded() {
        assertThat(client.request("POST", "/things/a%3Ab%3Ac").body("{}").send().status()).isEqualTo(200);
        assertThat(client.request("GET", "/things/a%3Ab%3Ac").send().body()).contains("\"thingName\":\"a:b:c\"");
        RawResponse spaced = client.request("GET", "/things/with%20space").send();
        assertThat(spaced.status()).isEqualTo(400);
        assertThat(spaced.header("x-amzn-ErrorType")).isEqualTo("InvalidRequestException");
        assertThat(spaced.body()).contains("Value 'with space' at 'thingName'");
        RawResponse encodedSlash = client.request("GET", "/things/a%2Fb").send();
        assertThat(encodedSlash.status()).isEqualTo(400);
        assertThat(encodedSlash.body()).contains("Value 'a/b' at 'thingName'");
    }

    @Test
    void queryStrings_areCanonicalisedLikeTheSdk() {
        RawResponse listed = client.request("GET", "/things?maxResults=5&attributeName=a%2Fb&usePrefixAttributeValue=false")
                .send();
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).isEqualTo("{\"things\":[]}");
    }

    @Test
    void unsignedPayload_isAccepted_andAClaimedHashMustMatchTheBody() {
        RawResponse unsigned = client.request("POST", "/things/unsigned-payload").body("{}").unsignedPayload().send();
        assertThat(unsigned.status()).isEqualTo(200);

        RawResponse mismatch = client.request("POST", "/things/hash-mismatch").body("{}")
                .header("x-amz-content-sha256", "0".repeat(64)).send();
        assertThat(mismatch.status()).isEqualTo(403);
        assertThat(mismatch.header("x-amzn-ErrorType")).isEqualTo("InvalidSignatureException");
        assertThat(client.request("GET", "/things/hash-mismatch").send().status()).isEqualTo(404);
    }

    @Test
    void clockSkew_ofMoreThanFiveMinutes_isRejectedInAwsWords() {
        RawResponse old = client.request("GET", "/things").signedAt(Instant.now().minus(Duration.ofMinutes(6))).send();
        assertThat(old.status()).isEqualTo(403);
        assertThat(old.header("x-amzn-ErrorType")).isEqualTo("InvalidSignatureException");
        assertThat(old.body()).contains("Signature expired: ").contains(" is now earlier than ").contains(" - 5 min.)");

        RawResponse future = client.request("GET", "/things").signedAt(Instant.now().plus(Duration.ofMinutes(6))).send();
        assertThat(future.status()).isEqualTo(403);
        assertThat(future.body()).contains("Signature not yet current: ").contains(" + 5 min.)");

        assertThat(client.request("GET", "/things").signedAt(Instant.now().minus(Duration.ofMinutes(4))).send().status())
                .isEqualTo(200);
    }

    @Test
    void wrongScope_regionServiceOrDate_isInvalidSignature() {
        RawResponse region = client.request("GET", "/things").region("eu-west-1").send();
        assertThat(region.status()).isEqualTo(403);
        assertThat(region.header("x-amzn-ErrorType")).isEqualTo("InvalidSignatureException");
        assertThat(region.body()).contains("Credential should be scoped to a valid Region, not 'eu-west-1'.");

        RawResponse service = client.request("GET", "/things").service("greengrass").send();
        assertThat(service.status()).isEqualTo(403);
        assertThat(service.body()).contains("Credential should be scoped to correct service: 'iot'");

        assertThat(client.request("GET", "/things").service("execute-api").send().status()).isEqualTo(200);

        String tomorrow = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .format(Instant.now().plus(Duration.ofDays(1)));
        RawResponse date = client.request("GET", "/things").header("X-Amz-Date", tomorrow).send();
        assertThat(date.status()).isEqualTo(403);
        assertThat(date.body()).contains("Date in Credential scope does not match YYYYMMDD from ISO-8601 version");
    }

    @Test
    void authenticationFailures_followTheErrorTable() {
        RawResponse none = client.request("GET", "/things").unsigned().send();
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.header("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");

        RawResponse malformed = client.request("GET", "/things").unsigned()
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=abc").send();
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.header("x-amzn-ErrorType")).isEqualTo("IncompleteSignatureException");

        RawResponse wrongAlgorithm = client.request("GET", "/things").unsigned()
                .header("Authorization", "Basic dXNlcjpwYXNz").send();
        assertThat(wrongAlgorithm.status()).isEqualTo(400);
        assertThat(wrongAlgorithm.header("x-amzn-ErrorType")).isEqualTo("IncompleteSignatureException");

        RawResponse noDate = client.request("GET", "/things").unsigned()
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + TestServer.ACCESS_KEY_ID
                        + "/20260101/us-east-1/iot/aws4_request, SignedHeaders=host, Signature=" + "a".repeat(64))
                .send();
        assertThat(noDate.status()).isEqualTo(400);
        assertThat(noDate.header("x-amzn-ErrorType")).isEqualTo("IncompleteSignatureException");

        RawResponse unknownKey = client.request("GET", "/things").credentials("AKIANOBODY0000000000", "x".repeat(40))
                .send();
        assertThat(unknownKey.status()).isEqualTo(403);
        assertThat(unknownKey.header("x-amzn-ErrorType")).isEqualTo("UnrecognizedClientException");

        RawResponse wrongSecret = client.request("GET", "/things").credentials(TestServer.ACCESS_KEY_ID, "y".repeat(40))
                .send();
        assertThat(wrongSecret.status()).isEqualTo(403);
        assertThat(wrongSecret.header("x-amzn-ErrorType")).isEqualTo("InvalidSignatureException");
        assertThat(wrongSecret.body()).contains("The request signature we calculated does not match");
    }

    @Test
    void unknownRoutes_are404UnknownOperation_afterAuthentication() {
        RawResponse unknownPath = client.request("GET", "/no/such/operation").send();
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.header("x-amzn-ErrorType")).isEqualTo("UnknownOperationException");

        RawResponse wrongMethod = client.request("PUT", "/things/x").body("{}").send();
        assertThat(wrongMethod.status()).isEqualTo(404);
        assertThat(wrongMethod.header("x-amzn-ErrorType")).isEqualTo("UnknownOperationException");

        RawResponse unsignedUnknown = client.request("GET", "/no/such/operation").unsigned().send();
        assertThat(unsignedUnknown.status()).isEqualTo(403);
    }

    @Test
    void malformedBodies_are400_andChangeNothing() {
        RawResponse broken = client.request("POST", "/things/broken-json").body("{\"attributePayload\": ").send();
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.header("x-amzn-ErrorType")).isEqualTo("InvalidRequestException");
        assertThat(broken.body()).doesNotContain("\"code\"").doesNotContain("__type").doesNotContain("Exception:")
                .doesNotContain("\tat ");

        RawResponse wrongType = client.request("POST", "/things/wrong-type").body("{\"attributePayload\": \"x\"}").send();
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body()).contains("'attributePayload' must be an object");

        RawResponse wrongNested = client.request("POST", "/things/wrong-nested")
                .body("{\"attributePayload\": {\"attributes\": {\"a\": 1}}}").send();
        assertThat(wrongNested.status()).isEqualTo(400);
        assertThat(wrongNested.body()).contains("'attributePayload.attributes.a' must be a string");

        RawResponse array = client.request("POST", "/things/array-body").body("[]").send();
        assertThat(array.status()).isEqualTo(400);

        RawResponse badVersion = client.request("DELETE", "/things/wire%3Athing?expectedVersion=abc").send();
        assertThat(badVersion.status()).isEqualTo(400);

        for (String name : new String[] {"broken-json", "wrong-type", "wrong-nested", "array-body"}) {
            assertThat(client.request("GET", "/things/" + name).send().status()).isEqualTo(404);
        }
        assertThat(client.request("GET", "/things/wire%3Athing").send().status()).isEqualTo(200);
    }

    @Test
    void unknownMembers_areIgnored_andEmptyBodiesAreTheEmptyObject() {
        assertThat(client.request("POST", "/things/extra-members").body("{\"somethingNew\": [1, 2]}").send().status())
                .isEqualTo(200);
        assertThat(client.request("POST", "/things/no-body").body(new byte[0]).send().status()).isEqualTo(200);
        assertThat(client.request("POST", "/things/amz-json").body("{}")
                .header("Content-Type", "application/x-amz-json-1.1").send().status()).isEqualTo(200);
    }

    @Test
    void aChunkedBody_isReadWhole_andARequestWithoutContentHeaders_hasNoBody() {
        RawResponse chunked = client.request("POST", "/things/chunked")
                .body("{\"attributePayload\":{\"attributes\":{\"site\":\"plant-7\"}}}").chunked().send();
        assertThat(chunked.status()).isEqualTo(200);
        assertThat(client.request("GET", "/things/chunked").send().body()).contains("\"site\":\"plant-7\"");
    }

    @Test
    void bodiesOverOneMebibyte_are413_withOrWithoutContentLength() {
        byte[] huge = new byte[io.corelink.wire.http.RequestBody.MAX_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        RawResponse declared = client.request("POST", "/things/huge").body(huge).send();
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.header("x-amzn-ErrorType")).isEqualTo("RequestEntityTooLargeException");

        RawResponse streamed = client.request("POST", "/things/huge").body(huge).chunked().send();
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(streamed.header("x-amzn-ErrorType")).isEqualTo("RequestEntityTooLargeException");

        assertThat(client.request("GET", "/things/huge").send().status()).isEqualTo(404);
    }

    @Test
    void malformedPercentEncoding_is400_neverA500() {
        RawResponse query = client.request("GET", "/things?maxResults=%zz").unsigned()
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + TestServer.ACCESS_KEY_ID
                        + "/20260101/us-east-1/iot/aws4_request, SignedHeaders=host, Signature=" + "a".repeat(64))
                .send();
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.header("x-amzn-ErrorType")).isEqualTo("InvalidRequestException");

        RawResponse path = client.request("GET", "/things/%zz").unsigned()
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + TestServer.ACCESS_KEY_ID
                        + "/20260101/us-east-1/iot/aws4_request, SignedHeaders=host, Signature=" + "a".repeat(64))
                .send();
        assertThat(path.status()).isEqualTo(400);
        assertThat(path.header("x-amzn-ErrorType")).isNotBlank();
        assertThat(path.body()).startsWith("{\"message\":");
    }

    @Test
    void overlongThingNames_are400_neverA500() {
        RawResponse overlong = client.request("GET", "/things/" + "n".repeat(5000)).send();
        assertThat(overlong.status()).isEqualTo(400);
        assertThat(overlong.body()).contains("Member must have length less than or equal to 128");
    }
}
