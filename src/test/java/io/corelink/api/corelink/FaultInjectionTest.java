package io.corelink.api.corelink;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.testing.RawClient;
import io.corelink.testing.TestServer;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * {@code serve --fault-injection} (operations.md §2) through the real SDK clients: an injected error has exactly the
 * shape of a real one, so the SDK's retry logic reacts as on AWS (it retries a 500 and succeeds), a {@code reset}
 * makes it retry on a new connection, a rule expires after its count, latency is added, and without the flag the
 * endpoint is a 404 like any unknown route.
 */
class FaultInjectionTest {
    private static TestServer server;
    private static IotClient iot;

    @BeforeAll
    static void start() {
        server = TestServer.start(Clock.systemUTC(), config -> config.withFaultInjection(true));
        iot = server.iot();
        iot.createThing(r -> r.thingName("fault-thing"));
    }

    @AfterAll
    static void stop() {
        iot.close();
        server.close();
    }

    @BeforeEach
    void clear() {
        assertThat(faults("DELETE", null).status()).isEqualTo(200);
    }

    private static RawClient.RawResponse faults(String method, String rules) {
        RawClient.Builder request = server.raw().request(method, "/_corelink/faults").service("corelink");
        return (rules == null ? request : request.body(rules)).send();
    }

    @Test
    void anInjected500_isRetriedByTheSdk_andTheRuleExpiresAfterItsCount() {
        assertThat(faults("PUT", "[{\"action\":\"iot:ListThings\",\"error\":\"InternalFailureException\","
                + "\"count\":1},{\"action\":\"greengrass:ListCoreDevices\",\"error\":\"InternalServerException\","
                + "\"count\":1}]").status()).isEqualTo(200);
        assertThat(iot.listThings().things()).isNotEmpty();
        try (GreengrassV2Client greengrass = server.greengrass()) {
            assertThat(greengrass.listCoreDevices(r -> r.maxResults(10)).coreDevices()).isNotNull();
        }
        assertThat(faults("GET", null).body()).isEqualTo("{\"rules\":["
                + "{\"action\":\"iot:ListThings\",\"error\":\"InternalFailureException\",\"probability\":1.0,"
                + "\"latencyMs\":0,\"count\":1,\"fired\":1},"
                + "{\"action\":\"greengrass:ListCoreDevices\",\"error\":\"InternalServerException\",\"probability\":1.0,"
                + "\"latencyMs\":0,\"count\":1,\"fired\":1}]}");
    }

    @Test
    void injectedErrors_haveTheShapeOfRealOnes() {
        faults("PUT", "[{\"action\":\"greengrass:*\",\"error\":\"ThrottlingException\"},"
                + "{\"action\":\"iot:DescribeThing\",\"error\":\"ResourceNotFoundException\"},"
                + "{\"action\":\"iam:*\",\"error\":\"Throttling\"}]");
        RawClient.RawResponse throttled = server.raw().request("GET", "/greengrass/v2/coreDevices")
                .service("greengrass").send();
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("x-amzn-ErrorType")).isEqualTo("ThrottlingException");
        assertThat(throttled.header("Retry-After")).isEqualTo("1");
        assertThat(throttled.body()).isEqualTo("{\"message\":\"Rate exceeded\",\"serviceCode\":\"greengrass\"}");
        RawClient.RawResponse missing = server.raw().request("GET", "/things/fault-thing").send();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("x-amzn-ErrorType")).isEqualTo("ResourceNotFoundException");
        RawClient.RawResponse iam = server.raw().request("POST", "/").service("iam")
                .body("Action=ListUsers&Version=2010-05-08".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Type", "application/x-www-form-urlencoded").send();
        assertThat(iam.status()).isEqualTo(400);
        assertThat(iam.body()).contains("<Code>Throttling</Code>");
        // The faults endpoint itself is never faulted.
        assertThat(faults("GET", null).status()).isEqualTo(200);
    }

    @Test
    void injectedErrors_carryTheMembersARealOneHas_asTheSdkReadsThem() {
        faults("PUT", "[{\"action\":\"greengrass:GetCoreDevice\",\"error\":\"ResourceNotFoundException\"},"
                + "{\"action\":\"greengrass:ListCoreDevices\",\"error\":\"ValidationException\"},"
                + "{\"action\":\"iot:CreateThing\",\"error\":\"ResourceAlreadyExistsException\"}]");
        try (GreengrassV2Client greengrass = server.greengrass()) {
            var missing = org.assertj.core.api.Assertions.catchThrowableOfType(
                    software.amazon.awssdk.services.greengrassv2.model.ResourceNotFoundException.class,
                    () -> greengrass.getCoreDevice(r -> r.coreDeviceThingName("fault-core")));
            assertThat(missing.resourceId()).isEqualTo("fault-core");
            assertThat(missing.resourceType()).isEqualTo("coreDevice");
            var invalid = org.assertj.core.api.Assertions.catchThrowableOfType(
                    software.amazon.awssdk.services.greengrassv2.model.ValidationException.class,
                    () -> greengrass.listCoreDevices(r -> { }));
            assertThat(invalid.reasonAsString()).isEqualTo("OTHER");
            assertThat(invalid.fields()).isEmpty();
        }
        var exists = org.assertj.core.api.Assertions.catchThrowableOfType(
                software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException.class,
                () -> iot.createThing(r -> r.thingName("fault-new")));
        assertThat(exists.resourceId()).isEqualTo("fault-new");
        assertThat(exists.resourceArn()).isEqualTo("arn:aws:iot:us-east-1:000000000000:thing/fault-new");
        assertThat(iot.listThings().things()).noneMatch(t -> t.thingName().equals("fault-new"));
    }

    @Test
    void whatGetAnswers_canBePutBack() {
        faults("PUT", "[{\"action\":\"iot:ListThings\",\"latencyMs\":1,\"count\":5}]");
        iot.listThings();
        String listed = faults("GET", null).body();
        assertThat(listed).contains("\"fired\":1");
        assertThat(server.raw().request("PUT", "/_corelink/faults").service("corelink").body(listed)
                .header("Content-Type", "application/x-www-form-urlencoded").send().status())
                .as("curl -d's form type: read as JSON all the same").isEqualTo(200);
        assertThat(faults("GET", null).body()).isEqualTo(listed.replace("\"fired\":1", "\"fired\":0"));
    }

    @Test
    void throttlesAndDenials_takeTheShapeOfTheirPlane_andAWildcardRuleFiresOnlyWhereItsErrorExists()
            throws Exception {
        io.corelink.testing.TestDevice device = io.corelink.testing.TestDevice.register(iot, server, "fault-sensor");
        io.corelink.testing.DevicePolicies.allowGreengrass(iot, device.certificateArn());
        faults("PUT", "[{\"action\":\"greengrass:Discover\",\"error\":\"ThrottlingException\",\"count\":1},"
                + "{\"action\":\"*\",\"error\":\"ValidationException\",\"count\":1}]");
        var throttled = device.client().send("GET", "/greengrass/discover/thing/fault-sensor", null);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.body()).startsWith("{\"message\":\"Rate exceeded\",\"traceId\":\"");
        // IoT has no ValidationException: the wildcard rule neither fires on ListThings nor uses up its count.
        assertThat(iot.listThings().things()).isNotEmpty();
        RawClient.RawResponse invalid = server.raw().request("GET", "/greengrass/v2/coreDevices")
                .service("greengrass").send();
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.header("x-amzn-ErrorType")).isEqualTo("ValidationException");
        faults("PUT", "[{\"action\":\"greengrass:Discover\",\"error\":\"AccessDeniedException\",\"count\":1}]");
        var denied = device.client().send("GET", "/greengrass/discover/thing/fault-sensor", null);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body()).startsWith("{\"message\":null,\"traceId\":\"");
    }

    @Test
    void aReset_dropsTheConnection_andTheSdkRetriesOnANewOne() {
        faults("PUT", "[{\"action\":\"iot:DescribeThing\",\"error\":\"reset\",\"count\":1}]");
        assertThat(iot.describeThing(r -> r.thingName("fault-thing")).thingName()).isEqualTo("fault-thing");
        assertThat(faults("GET", null).body()).contains("\"fired\":1");
    }

    @Test
    void latency_isAddedBeforeTheAnswer() {
        faults("PUT", "[{\"action\":\"iot:ListThings\",\"latencyMs\":400,\"count\":1}]");
        long start = System.nanoTime();
        iot.listThings();
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(400);
    }

    @Test
    void aRuleThatIsNotValid_isA400_andChangesNothing() {
        faults("PUT", "[{\"action\":\"iot:ListThings\",\"latencyMs\":1}]");
        for (String bad : new String[] {"{}", "[{\"error\":\"reset\"}]",
                "[{\"action\":\"greengrass:ListCoreDevices\",\"error\":\"InvalidRequestException\"}]",
                "[{\"action\":\"iot:ListThings\",\"error\":\"reset\",\"probability\":2}]",
                "[{\"action\":\"iot:ListThings\",\"error\":\"reset\",\"colour\":\"red\"}]",
                "[{\"action\":\"iot:ListThings\"}]", "not json"}) {
            RawClient.RawResponse refused = faults("PUT", bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.header("x-amzn-ErrorType")).as(bad).isEqualTo("ValidationException");
        }
        assertThat(faults("GET", null).body()).contains("\"action\":\"iot:ListThings\",\"error\":null");
    }

    @Test
    void withoutTheFlag_theEndpointIsAnUnknownRoute() {
        try (TestServer plain = TestServer.start()) {
            RawClient.RawResponse answer = plain.raw().request("GET", "/_corelink/faults").service("corelink").send();
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.header("x-amzn-ErrorType")).isEqualTo("UnknownOperationException");
        }
    }
}
