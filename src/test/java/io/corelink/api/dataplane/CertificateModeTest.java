package io.corelink.api.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.app.DataPlaneAuthorization;
import io.corelink.pki.CertificateAuthority;
import io.corelink.pki.Pem;
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

/**
 * {@code serve --data-plane-authorization certificate}: no IoT policy is needed, and in exchange a core may verify
 * only the client devices associated with it.
 */
class CertificateModeTest {
    private static TestServer server;
    private static IotClient iot;
    private static GreengrassV2Client greengrass;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(Clock.systemUTC(),
                config -> config.withDataPlaneAuthorization(DataPlaneAuthorization.CERTIFICATE));
        iot = server.iot();
        greengrass = server.greengrass();
    }

    @AfterAll
    static void stop() {
        iot.close();
        greengrass.close();
        server.close();
    }

    private static TestDevice device(String thing) {
        return TestDevice.register(iot, server, thing);
    }

    private static String json(String value) {
        return "\"" + value.replace("\n", "\\n") + "\"";
    }

    @Test
    void noPolicyIsNeeded_butACoreVerifiesOnlyItsOwnClientDevices() throws IOException {
        TestDevice core = device("cm:core");
        TestDevice own = device("cm-own");
        TestDevice stranger = device("cm-stranger");
        greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName("cm:core")
                .entries(e -> e.thingName("cm-own")));
        String ca = Pem.write(CertificateAuthority.create(Clock.systemUTC()).certificate());
        assertThat(core.client().send("PUT", "/greengrass/v2/coreDevices/cm:core/certificateAuthorities",
                "{\"coreDeviceCertificates\":[" + json(ca) + "]}").status()).as("no policy attached").isEqualTo(200);
        assertThat(own.client().send("GET", "/greengrass/discover/thing/cm-own", null).status())
                .as("no policy; no connectivity yet").isEqualTo(404);

        MtlsClient.Answer ownAssociation = core.client().send("POST", "/greengrass/v2/clientDevices/verifyAssociation",
                "{\"clientDeviceThingName\":\"cm-own\",\"clientDeviceCertificateId\":\"" + own.keys().certificateId()
                        + "\"}");
        assertThat(ownAssociation.status()).isEqualTo(200);
        MtlsClient.Answer probe = core.client().send("POST", "/greengrass/v2/clientDevices/verifyAssociation",
                "{\"clientDeviceThingName\":\"cm-stranger\",\"clientDeviceCertificateId\":\""
                        + stranger.keys().certificateId() + "\"}");
        assertThat(probe.status()).isEqualTo(403);
        assertThat(probe.headers().get("x-amzn-errortype")).isEqualTo("AccessDeniedException");

        assertThat(core.client().send("POST", "/greengrass/v2/clientDevices/verifyIdentity",
                "{\"clientDeviceCertificate\":" + json(own.keys().certificatePem()) + "}").status()).isEqualTo(200);
        assertThat(core.client().send("POST", "/greengrass/v2/clientDevices/verifyIdentity",
                "{\"clientDeviceCertificate\":" + json(stranger.keys().certificatePem()) + "}").status())
                .as("a stranger's certificate is not revealed").isEqualTo(404);
    }
}
