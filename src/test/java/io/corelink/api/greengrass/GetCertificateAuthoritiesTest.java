package io.corelink.api.greengrass;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.pki.CertificateAuthority;
import io.corelink.pki.KeyAlgorithm;
import io.corelink.pki.Pem;
import io.corelink.testing.IamUsers;
import io.corelink.testing.MtlsClient;
import io.corelink.testing.RawClient;
import io.corelink.testing.TestServer;
import java.nio.file.Files;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;

/**
 * {@code GET /corelink/v1/coreDevices/{name}/certificateAuthorities}: the CA certificates exactly as the core put
 * them, 404 for a thing that is not a core device, and only for callers allowed
 * {@code corelink:GetCertificateAuthorities}.
 */
class GetCertificateAuthoritiesTest {
    @Test
    void answersWhatTheCorePut_404ForANonCore_andOnlyForThoseAllowed() throws Exception {
        try (TestServer server = TestServer.start(); IotClient iot = server.iot(); IamClient iam = server.iam()) {
            iot.createThing(r -> r.thingName("ca-core"));
            CreateKeysAndCertificateResponse core = iot.createKeysAndCertificate(r -> r.setAsActive(true));
            iot.attachThingPrincipal(r -> r.thingName("ca-core").principal(core.certificateArn()));
            io.corelink.testing.DevicePolicies.allowGreengrass(iot, core.certificateArn());
            String ca = Pem.write(CertificateAuthority.create("CN=ca-core CA", KeyAlgorithm.EC_P256,
                    Clock.systemUTC()).certificate());
            MtlsClient asCore = new MtlsClient(core.certificatePem(), core.keyPair().privateKey(),
                    Files.readString(server.rootCaFile()), server.dataPlanePort());
            assertThat(asCore.send("PUT", "/greengrass/v2/coreDevices/ca-core/certificateAuthorities",
                    "{\"coreDeviceCertificates\":[\"" + ca.replace("\n", "\\n") + "\"]}").status()).isEqualTo(200);
            iot.createThing(r -> r.thingName("not-a-core"));

            RawClient admin = server.raw();
            RawClient.RawResponse read = admin.request("GET",
                    "/corelink/v1/coreDevices/ca-core/certificateAuthorities").service("greengrass").send();
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body()).isEqualTo("{\"coreDeviceCertificates\":[\"" + ca.replace("\n", "\\n") + "\"]}");
            RawClient.RawResponse none = admin.request("GET",
                    "/corelink/v1/coreDevices/not-a-core/certificateAuthorities").service("greengrass").send();
            assertThat(none.status()).isEqualTo(404);
            assertThat(none.header("x-amzn-ErrorType")).isEqualTo("ResourceNotFoundException");

            AccessKey reader = IamUsers.allowedTo(iam, "ca-reader", "corelink:GetCertificateAuthorities");
            AccessKey other = IamUsers.allowedTo(iam, "gg-only", "greengrass:*");
            assertThat(server.raw(reader.accessKeyId(), reader.secretAccessKey()).request("GET",
                    "/corelink/v1/coreDevices/ca-core/certificateAuthorities").service("greengrass").send().status())
                    .isEqualTo(200);
            RawClient.RawResponse denied = server.raw(other.accessKeyId(), other.secretAccessKey()).request("GET",
                    "/corelink/v1/coreDevices/ca-core/certificateAuthorities").service("greengrass").send();
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.body()).contains("corelink:GetCertificateAuthorities",
                    "arn:aws:greengrass:us-east-1:000000000000:coreDevices:ca-core");
        }
    }
}
