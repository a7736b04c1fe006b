package io.corelink.wire.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.testing.RawClient.RawResponse;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.error.FieldViolation;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.json.JsonBody;
import io.corelink.store.StoreUnavailableException;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.AwsShapedErrorHandler;
import io.corelink.wire.http.PathTemplate;
import io.corelink.wire.http.ResponseWriter;
import io.corelink.wire.http.Route;
import io.corelink.wire.http.Router;
import io.corelink.wire.http.SafeLog;
import io.corelink.wire.http.Violations;
import io.corelink.wire.sigv4.SigV4Verifier;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's rendering of what no real operation can be made to do on purpose (an unexpected fault, a store that
 * cannot be reached, the Greengrass error vocabulary with {@code reason} and {@code fields}) and of malformed
 * requests, through routes defined by the test.
 */
class RequestPipelineTest {
    private static final String KEY = "AKIAHANDLERTEST00001";
    private static final String SECRET = "handler-test-secret-00000000000000000000";
    private static Server jetty;
    private static io.corelink.testing.RawClient client;

    @BeforeAll
    static void start() throws Exception {
        Router router = new Router(List.of(
                new Route("GET", PathTemplate.of("/fault/{name}"), ServiceFamily.IOT, "Fault", request -> {
                    throw new IllegalStateException("secret detail SELECT * FROM thing");
                }),
                new Route("GET", PathTemplate.of("/greengrass/fault"), ServiceFamily.GREENGRASS, "GgFault", request -> {
                    throw new NullPointerException("boom");
                }),
                new Route("POST", PathTemplate.of("/greengrass/echo/{coreDeviceThingName}"), ServiceFamily.GREENGRASS,
                        "Echo", RequestPipelineTest::echo),
                new Route("GET", PathTemplate.of("/greengrass/unavailable"), ServiceFamily.GREENGRASS, "GgDown",
                        request -> {
                            throw new StoreUnavailableException("cannot reach the store", null);
                        }),
                new Route("GET", PathTemplate.of("/unavailable"), ServiceFamily.IOT, "IotDown", request -> {
                    throw new StoreUnavailableException("cannot reach the store", null);
                })));
        SigV4Verifier verifier = new SigV4Verifier(id -> Optional.of(SECRET).filter(s -> id.equals(KEY)), "us-east-1",
                Clock.systemUTC());
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setErrorHandler(new AwsShapedErrorHandler());
        jetty.setHandler(new RequestPipeline(new ControlPlane(router, verifier, Map.of()), List.of(new AccessLog())));
        jetty.start();
        client = io.corelink.testing.RawClient.forTest(URI.create("http://127.0.0.1:" + connector.getLocalPort()), KEY,
                SECRET, "us-east-1");
    }

    private static ApiResponse echo(ApiRequest request) {
        JsonBody body = JsonBody.parse(ServiceFamily.GREENGRASS, request.body());
        Violations violations = new Violations(ServiceFamily.GREENGRASS);
        String name = request.label("coreDeviceThingName");
        if (name.length() > 128) {
            violations.add("coreDeviceThingName", "Member must have length less than or equal to 128", name);
        }
        Long max = body.longValue("maxResults");
        if (max != null && max > 100) {
            violations.add("maxResults", "Member must have value less than or equal to 100", String.valueOf(max));
        }
        violations.throwIfAny();
        return ApiResponse.ok(Map.of("name", name));
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
    }

    @Test
    void unexpectedFault_isA500WithRetryAfter_andNoDetail() {
        RawResponse iot = client.request("GET", "/fault/x").send();
        assertThat(iot.status()).isEqualTo(500);
        assertThat(iot.header("x-amzn-ErrorType")).isEqualTo("InternalFailureException");
        assertThat(iot.header("Retry-After")).isEqualTo("1");
        assertThat(iot.body()).startsWith("{\"message\":\"An internal error occurred. Request id ")
                .doesNotContain("SELECT").doesNotContain("secret").doesNotContain("IllegalState");

        RawResponse greengrass = client.request("GET", "/greengrass/fault").service("greengrass").send();
        assertThat(greengrass.status()).isEqualTo(500);
        assertThat(greengrass.header("x-amzn-ErrorType")).isEqualTo("InternalServerException");
        assertThat(greengrass.header("Retry-After")).isEqualTo("1");
    }

    @Test
    void greengrassParseErrors_carryReasonCannotParse() {
        RawResponse broken = client.request("POST", "/greengrass/echo/core").service("greengrass").body("{nope").send();
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.header("x-amzn-ErrorType")).isEqualTo("ValidationException");
        assertThat(broken.body()).contains("\"reason\":\"CANNOT_PARSE\"").doesNotContain("\"fields\"");

        RawResponse wrongType = client.request("POST", "/greengrass/echo/core").service("greengrass")
                .body("{\"maxResults\": \"ten\"}").send();
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body()).contains("\"reason\":\"CANNOT_PARSE\"").contains("'maxResults' must be an integer");
    }

    @Test
    void greengrassConstraintErrors_listEveryBrokenField() {
        RawResponse invalid = client.request("POST", "/greengrass/echo/" + "c".repeat(129)).service("greengrass")
                .body("{\"maxResults\": 101}").send();
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.header("x-amzn-ErrorType")).isEqualTo("ValidationException");
        assertThat(invalid.body()).contains("\"message\":\"2 validation errors detected: ")
                .contains("\"reason\":\"FIELD_VALIDATION_FAILED\"")
                .contains("\"fields\":[{\"name\":\"coreDeviceThingName\",\"message\":\"Member must have length less "
                        + "than or equal to 128\"},{\"name\":\"maxResults\",\"message\":\"Member must have value less "
                        + "than or equal to 100\"}]");
    }

    @Test
    void iotConstraintErrors_haveOnlyAMessage() {
        AwsException error = AwsException.invalidFields(ServiceFamily.IOT,
                List.of(new FieldViolation("thingName", "Member must not be null", null)));
        assertThat(new String(ResponseWriter.errorBody(error), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"1 validation error detected: Value null at 'thingName' failed to satisfy "
                        + "constraint: Member must not be null\"}");
    }

    @Test
    void safeLog_namesTheFaultWithoutItsMessage() {
        String described = SafeLog.describe(new IllegalStateException("SELECT secret FROM x",
                new java.sql.SQLException("near SELECT", "42000", 7)));
        assertThat(described).startsWith("IllegalStateException <- SQLException[state=42000, code=7]")
                .doesNotContain("SELECT").doesNotContain("secret");
    }

    @Test
    void aStoreThatCannotBeReached_isTheServicesRetryableAnswer() {
        RawResponse greengrass = client.request("GET", "/greengrass/unavailable").service("greengrass").send();
        assertThat(greengrass.status()).isEqualTo(500);
        assertThat(greengrass.header("x-amzn-ErrorType")).isEqualTo("InternalServerException");
        assertThat(greengrass.header("Retry-After")).isEqualTo("1");
        RawResponse iot = client.request("GET", "/unavailable").send();
        assertThat(iot.status()).isEqualTo(503);
        assertThat(iot.header("x-amzn-ErrorType")).isEqualTo("ServiceUnavailableException");
        assertThat(iot.header("Retry-After")).isEqualTo("1");
        assertThat(iot.body()).isEqualTo("{\"message\":\"Service is unavailable. Retry later.\"}");
    }

    @Test
    void malformedRequests_areTheClientsFault_a400NeverA5xx() {
        URI endpoint = client.endpoint();
        // Headers that pass every check but the signature's, which needs the body: the body is read, and is broken.
        String now = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now());
        RawResponse badChunk = RawResponse.sendRaw(endpoint, "POST /greengrass/echo/core HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=" + KEY + "/" + now.substring(0, 8)
                + "/us-east-1/greengrass/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64)
                + "\r\nX-Amz-Date: " + now + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "ZZ\r\nabc\r\n0\r\n\r\n");
        assertThat(badChunk.status()).isEqualTo(400);
        assertThat(badChunk.header("x-amzn-ErrorType")).isEqualTo("ValidationException");
        for (String requestLine : List.of("GET /things HTTP/9.9\r\nHost: x\r\n\r\n", "GET /things\r\n\r\n")) {
            RawResponse answer = RawResponse.sendRaw(endpoint, requestLine);
            assertThat(answer.status()).as(requestLine).isEqualTo(400);
            assertThat(answer.header("x-amzn-ErrorType")).as(requestLine).isEqualTo("ValidationException");
        }
        RawResponse lowerCase = RawResponse.sendRaw(endpoint, "get /fault/x HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(lowerCase.status()).isBetween(400, 499);
    }

    @Test
    void aRequestWithoutAuthorization_isRefusedBeforeItsBodyIsRead() {
        // The body is announced but never sent: an answer at all shows it was not waited for.
        RawResponse refused = RawResponse.sendRaw(client.endpoint(), "POST /greengrass/echo/core HTTP/1.1\r\n"
                + "Host: x\r\nContent-Length: 1000\r\nContent-Type: application/json\r\n\r\n{");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");
    }

    @Test
    void aBodyThatIsNotJson_is415_whileTheJsonTypesAndNoTypeAreAccepted() {
        RawResponse text = client.request("POST", "/greengrass/echo/core").service("greengrass")
                .header("Content-Type", "text/plain").body("{}").send();
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.header("x-amzn-ErrorType")).isEqualTo("UnsupportedMediaTypeException");
        for (String type : List.of("application/json", "application/x-amz-json-1.1",
                "application/json; charset=utf-8")) {
            assertThat(client.request("POST", "/greengrass/echo/core").service("greengrass")
                    .header("Content-Type", type).body("{}").send().status()).as(type).isEqualTo(200);
        }
        assertThat(client.request("POST", "/greengrass/echo/core").service("greengrass").body("{}").send().status())
                .isEqualTo(200);
    }

    @Test
    void theAccessLogReason_isOneBoundedLine() {
        String reason = AccessLog.bounded("line one\nline \"two\"" + "x".repeat(1000));
        assertThat(reason).doesNotContain("\n").doesNotContain("\"").hasSize(AccessLog.MAX_REASON + 1)
                .startsWith("line one?line 'two'");
    }

    @Test
    void aBodyTricklingPastItsDeadline_hasItsConnectionClosed() throws Exception {
        // A known key and a current date pass every check but the signature's, so the body is read: 100 bytes
        // announced, one sent a second. The deadline for 100 bytes is 10 s and a few milliseconds.
        String now = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now());
        URI endpoint = client.endpoint();
        long started = System.nanoTime();
        try (java.net.Socket socket = new java.net.Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(30_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /greengrass/echo/core HTTP/1.1\r\nHost: x\r\nAuthorization: AWS4-HMAC-SHA256 Credential="
                    + KEY + "/" + now.substring(0, 8) + "/us-east-1/greengrass/aws4_request, SignedHeaders=host;"
                    + "x-amz-date, Signature=" + "0".repeat(64) + "\r\nX-Amz-Date: " + now
                    + "\r\nContent-Length: 100\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            boolean closed = false;
            for (int i = 0; i < 25 && !closed; i++) {
                try {
                    out.write('{');
                    out.flush();
                    Thread.sleep(1_000);
                } catch (java.io.IOException e) {
                    closed = true;
                }
            }
            int answer = closed ? -1 : socket.getInputStream().read();
            assertThat(closed || answer == -1).as("closed without an answer").isTrue();
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertThat(seconds).as("the deadline, not the 25 s the client would have taken").isBetween(9L, 20L);
    }
}
