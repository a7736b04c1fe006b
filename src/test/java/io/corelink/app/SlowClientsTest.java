package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.testing.MtlsClient;
import io.corelink.testing.MutableClock;
import io.corelink.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;

/**
 * Found by an outside security test: 300 connections trickling request bodies must not starve the control plane,
 * health or the data plane; and a certificate that expires while it is in use stops working at its next request.
 */
class SlowClientsTest {

    @Test
    void threeHundredTricklingConnections_leaveSignedCallsHealthAndDiscoverFast() throws Exception {
        try (TestServer server = TestServer.start(); IotClient iot = server.iot()) {
            iot.createThing(r -> r.thingName("slow-sensor"));
            CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(r -> r.setAsActive(true));
            iot.attachThingPrincipal(r -> r.thingName("slow-sensor").principal(keys.certificateArn()));
            io.corelink.testing.DevicePolicies.allowGreengrass(iot, keys.certificateArn());
            MtlsClient device = new MtlsClient(keys.certificatePem(), keys.keyPair().privateKey(),
                    Files.readString(server.rootCaFile()), server.dataPlanePort());

            List<Socket> attackers = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    Socket socket = new Socket("127.0.0.1", server.port());
                    socket.setSoTimeout(5_000);
                    String authorization = i % 2 == 0 ? "" : "Authorization: AWS4-HMAC-SHA256 Credential=AKIANOBODY"
                            + i + "/20261202/us-east-1/iot/aws4_request, SignedHeaders=host;x-amz-date, Signature="
                            + "0".repeat(64) + "\r\nX-Amz-Date: 20261202T000000Z\r\n";
                    socket.getOutputStream().write(("POST /things/slow-" + i + " HTTP/1.1\r\nHost: x\r\n"
                            + authorization + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
                            .getBytes(StandardCharsets.US_ASCII));
                    attackers.add(socket);
                }
                for (int round = 0; round < 3; round++) {
                    for (Socket socket : attackers) {
                        trickle(socket);
                    }
                    long started = System.nanoTime();
                    assertThat(iot.describeThing(r -> r.thingName("slow-sensor")).thingName())
                            .isEqualTo("slow-sensor");
                    assertThat(server.raw().request("GET", "/_corelink/health").unsigned().send().status())
                            .isEqualTo(200);
                    assertThat(device.send("GET", "/greengrass/discover/thing/slow-sensor", null).status())
                            .isEqualTo(404);
                    assertThat((System.nanoTime() - started) / 1_000_000).as("round " + round)
                            .isLessThan(1_000);
                }
                int answered = 0;
                for (Socket socket : attackers) {
                    answered += answeredBeforeTheBody(socket) ? 1 : 0;
                }
                assertThat(answered).as("refused without waiting for their bodies").isEqualTo(300);
            } finally {
                for (Socket socket : attackers) {
                    socket.close();
                }
            }
        }
    }

    private static void trickle(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(' ');
            out.flush();
        } catch (IOException e) {
            // The server answered and closed: what a refused request should see.
        }
    }

    private static boolean answeredBeforeTheBody(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 403");
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aCertificateThatExpires_stopsWorkingAtItsNextRequest() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        try (TestServer server = TestServer.start(clock); IotClient iot = server.iot()) {
            iot.createThing(r -> r.thingName("expiring-sensor"));
            CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(r -> r.setAsActive(true));
            iot.attachThingPrincipal(r -> r.thingName("expiring-sensor").principal(keys.certificateArn()));
            io.corelink.testing.DevicePolicies.allowGreengrass(iot, keys.certificateArn());
            MtlsClient device = new MtlsClient(keys.certificatePem(), keys.keyPair().privateKey(),
                    Files.readString(server.rootCaFile()), server.dataPlanePort());
            assertThat(device.send("GET", "/greengrass/discover/thing/expiring-sensor", null).status())
                    .isEqualTo(404);

            // The handshake still passes (its check uses the machine's clock); the request's check does not.
            clock.advance(Duration.ofDays(365L * 60));
            assertThatThrownBy(() -> device.send("GET", "/greengrass/discover/thing/expiring-sensor", null))
                    .as("closed without an HTTP answer, as for an inactive certificate")
                    .isInstanceOf(IOException.class);
        }
    }
}
