package io.corelink.api.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.pki.CertificateAuthority;
import io.corelink.pki.Pem;
import io.corelink.testing.DevicePolicies;
import io.corelink.testing.MtlsClient;
import io.corelink.testing.TestDevice;
import io.corelink.testing.TestServer;
import java.io.IOException;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.iot.IotClient;

/** Data-plane authorization by IoT policies, the default mode (access-control.md §3), through real mTLS calls. */
class DataPlaneAuthorizationTest {
    private static final String THINGS = "arn:aws:iot:us-east-1:000000000000:thing/";
    private static TestServer server;
    private static IotClient iot;
    private static GreengrassV2Client greengrass;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start();
        iot = server.iot();
        greengrass = server.greengrass();
    }

    @AfterAll
    static void stop() {
        iot.close();
        greengrass.close();
        server.close();
    }

    /** A registered device with no IoT policy. */
    private static TestDevice device(String thing) {
        return TestDevice.register(iot, server, thing);
    }

    private static String policy(String effect, String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Action\":\"" + action
                + "\",\"Resource\":\"" + resource + "\"}]}";
    }

    private static MtlsClient.Answer discover(TestDevice device) throws IOException {
        return device.client().send("GET", "/greengrass/discover/thing/" + device.thing(), null);
    }

    @Test
    void discoverWithoutAPolicy_isAwsDenial_andThePolicyAppliesOnTheNextRequest() throws IOException {
        TestDevice sensor = device("az-sensor-1");
        MtlsClient.Answer denied = discover(sensor);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body()).matches("\\{\"message\":null,\"traceId\":\"[0-9a-f-]{36}\"}");

        DevicePolicies.attach(iot, "az-other-things", policy("Allow", "greengrass:Discover", THINGS + "other-*"),
                sensor.certificateArn());
        assertThat(discover(sensor).status()).as("a policy for other things").isEqualTo(403);

        iot.createPolicyVersion(r -> r.policyName("az-other-things").setAsDefault(true)
                .policyDocument(policy("Allow", "greengrass:Discover", THINGS + "az-sensor-*")));
        MtlsClient.Answer allowed = discover(sensor);
        assertThat(allowed.status()).as("allowed now; no core is associated").isEqualTo(404);
        assertThat(allowed.body()).isEqualTo("{\"errorMessage\":\"The thing provided for discovery was not found\"}");

        iot.detachPolicy(r -> r.policyName("az-other-things").target(sensor.certificateArn()));
        assertThat(discover(sensor).status()).as("detached").isEqualTo(403);
    }

    @Test
    void anExplicitDeny_winsOverTheDocumentedClientPolicy() throws IOException {
        TestDevice sensor = device("az-sensor-deny");
        DevicePolicies.attach(iot, "az-client", DevicePolicies.CLIENT_DEVICE, sensor.certificateArn());
        assertThat(discover(sensor).status()).isEqualTo(404);
        DevicePolicies.attach(iot, "az-deny", policy("Deny", "greengrass:*", "*"), sensor.certificateArn());
        assertThat(discover(sensor).status()).isEqualTo(403);
    }

    @Test
    void aCoreWithoutTheCorePolicy_isDeniedInGreengrassShape_andNothingChanges() throws IOException {
        TestDevice core = device("az-core");
        DevicePolicies.attach(iot, "az-client-only", DevicePolicies.CLIENT_DEVICE, core.certificateArn());
        String ca = Pem.write(CertificateAuthority.create(Clock.systemUTC()).certificate());
        String body = "{\"coreDeviceCertificates\":[\"" + ca.replace("\n", "\\n") + "\"]}";
        MtlsClient.Answer denied = core.client().send("PUT",
                "/greengrass/v2/coreDevices/az-core/certificateAuthorities", body);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.headers().get("x-amzn-errortype")).isEqualTo("AccessDeniedException");
        assertThat(denied.body()).isEqualTo("{\"message\":\"The IoT policies of the calling certificate do not allow "
                + "greengrass:PutCertificateAuthorities on " + THINGS + "az-core.\"}");
        MtlsClient.Answer connectivity = core.client().send("PUT", "/greengrass/things/az-core/connectivityInfo",
                "{\"ConnectivityInfo\":[{\"HostAddress\":\"10.0.0.1\",\"PortNumber\":8883}]}");
        assertThat(connectivity.status()).isEqualTo(403);
        assertThat(greengrass.getConnectivityInfo(r -> r.thingName("az-core")).connectivityInfo())
                .as("nothing changed").isEmpty();

        DevicePolicies.attach(iot, "az-core-policy", DevicePolicies.CORE_DEVICE, core.certificateArn());
        assertThat(core.client().send("PUT", "/greengrass/v2/coreDevices/az-core/certificateAuthorities", body)
                .status()).isEqualTo(200);
    }

    @Test
    void connectivityCalls_areAuthorizedOnTheConnectivityInfoArn() throws IOException {
        TestDevice core = device("az-core-conn");
        DevicePolicies.attach(iot, "az-conn-read", policy("Allow", "greengrass:GetConnectivityInfo",
                "arn:aws:greengrass:us-east-1:000000000000:/greengrass/things/az-core-conn/connectivityInfo"),
                core.certificateArn());
        assertThat(core.client().send("GET", "/greengrass/things/az-core-conn/connectivityInfo", null).status())
                .isEqualTo(200);
        assertThat(core.client().send("PUT", "/greengrass/things/az-core-conn/connectivityInfo",
                "{\"ConnectivityInfo\":[]}").status()).as("reading is not writing").isEqualTo(403);
    }
}
