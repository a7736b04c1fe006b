package io.corelink.wire.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.testing.RawClient.RawResponse;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.error.FieldViolation;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.json.JsonBody;
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
 * The handler's rendering of what no real operation can be made to do on purpose: an unexpected fault, and the
 * Greengrass error vocabulary ({@code reason}, {@code fields}), through routes defined by the test.
 */
class ControlPlaneHandlerTest {
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
                        "Echo", ControlPlaneHandlerTest::echo)));
        SigV4Verifier verifier = new SigV4Verifier(id -> Optional.of(SECRET).filter(s -> id.equals(KEY)), "us-east-1",
                Clock.systemUTC());
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(new ControlPlaneHandler(router, verifier, Map.of()));
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
}
