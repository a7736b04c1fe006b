package io.corelink.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.testing.DevicePolicies;
import io.corelink.testing.RawClient;
import io.corelink.testing.TestDevice;
import io.corelink.testing.TestServer;
import io.corelink.wire.pipeline.RateLimit;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.greengrassv2.model.AssociateClientDeviceWithCoreDeviceEntry;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * {@code serve --rate-limit} through the real clients (operations.md §1): over the limit a request is answered at once
 * in its service's throttling shape and changes nothing, each caller has buckets of its own, and the AWS SDK for
 * Java's default retry strategy gets throttled calls through. Each test uses an action of its own, so that the
 * tests share no bucket.
 */
class ThrottlingTest {
    private static TestServer server;
    private static IotClient iot;

    @BeforeAll
    static void start() {
        server = TestServer.start(Clock.systemUTC(), config -> config.withRateLimits(List.of(
                RateLimit.parse("iot:ListThings=5/1"),
                RateLimit.parse("greengrass:BatchAssociate*=5/1"),
                RateLimit.parse("iot:DeleteThing=0.2/1"),
                RateLimit.parse("greengrass:ListCoreDevices=0.2/1"),
                RateLimit.parse("greengrass:Discover=0.2/1"),
                RateLimit.parse("iam:ListUsers=0.2/1"))));
        iot = server.iot();
    }

    @AfterAll
    static void stop() {
        iot.close();
        server.close();
    }

    @Test
    void theJavaSdksDefaultRetries_getThrottledCallsThrough() {
        // Five a second with a bucket of one: back-to-back calls are throttled, and the SDK's backoff outwaits it.
        for (int i = 0; i < 6; i++) {
            assertThat(iot.listThings().things()).isNotNull();
        }
        iot.createThing(r -> r.thingName("thr-core"));
        iot.createThing(r -> r.thingName("thr-client"));
        try (GreengrassV2Client greengrass = server.greengrass()) {
            for (int i = 0; i < 5; i++) {
                assertThat(greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("thr-core")
                        .entries(AssociateClientDeviceWithCoreDeviceEntry.builder().thingName("thr-client").build()))
                        .errorEntries()).isEmpty();
            }
        }
    }

    @Test
    void iot_answers400ThrottlingException_andChangesNothing() {
        RawClient raw = server.raw();
        iot.createThing(r -> r.thingName("thr-first"));
        iot.createThing(r -> r.thingName("thr-second"));
        assertThat(raw.request("DELETE", "/things/thr-first").send().status()).isEqualTo(200);
        RawClient.RawResponse throttled = raw.request("DELETE", "/things/thr-second").send();
        assertThat(throttled.status()).isEqualTo(400);
        assertThat(throttled.header("x-amzn-ErrorType")).isEqualTo("ThrottlingException");
        assertThat(throttled.body()).isEqualTo("{\"message\":\"Rate exceeded\"}");
        assertThat(iot.describeThing(r -> r.thingName("thr-second")).thingName()).isEqualTo("thr-second");
    }

    @Test
    void greengrass_answers429_withRetryAfter_andServiceCode_perCaller() {
        RawClient raw = server.raw();
        assertThat(raw.request("GET", "/greengrass/v2/coreDevices").service("greengrass").send().status())
                .isEqualTo(200);
        RawClient.RawResponse throttled = raw.request("GET", "/greengrass/v2/coreDevices").service("greengrass")
                .send();
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("x-amzn-ErrorType")).isEqualTo("ThrottlingException");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 5);
        assertThat(throttled.body()).isEqualTo("{\"message\":\"Rate exceeded\",\"serviceCode\":\"greengrass\"}");

        // Another caller's bucket is full.
        AccessKey key;
        try (IamClient iam = server.iam()) {
            iam.createUser(r -> r.userName("thr-other"));
            iam.putUserPolicy(r -> r.userName("thr-other").policyName("p").policyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"greengrass:ListCoreDevices\","
                    + "\"Resource\":\"*\"}]}"));
            key = iam.createAccessKey(r -> r.userName("thr-other")).accessKey();
        }
        assertThat(server.raw(key.accessKeyId(), key.secretAccessKey()).request("GET", "/greengrass/v2/coreDevices")
                .service("greengrass").send().status()).isEqualTo(200);
    }

    @Test
    void iamAndSts_answer400Throttling_inTheQueryProtocolsXml() {
        try (IamClient iam = server.iam()) {
            iam.listUsers();
        }
        RawClient.RawResponse throttled = server.raw().request("POST", "/").service("iam")
                .body("Action=ListUsers&Version=2010-05-08".getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "application/x-www-form-urlencoded").send();
        assertThat(throttled.status()).isEqualTo(400);
        assertThat(throttled.body()).contains("<Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate "
                + "exceeded</Message></Error>");
    }

    @Test
    void discover_answers429_inDiscoversShape() throws Exception {
        TestDevice device = TestDevice.register(iot, server, "thr-sensor");
        DevicePolicies.allowGreengrass(iot, device.certificateArn());
        assertThat(device.client().send("GET", "/greengrass/discover/thing/thr-sensor", null).status())
                .isEqualTo(404); // allowed, and no core device yet
        var throttled = device.client().send("GET", "/greengrass/discover/thing/thr-sensor", null);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.body()).startsWith("{\"message\":\"Rate exceeded\",\"traceId\":\"");
    }
}
