package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.testing.MtlsClient;
import io.corelink.testing.RawClient;
import io.corelink.testing.RawClient.RawResponse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;

/**
 * A real PostgreSQL stopped under a running node, then started again: health and readiness answer within a second
 * all along, every call fails within the store timeout in its service's retryable shape, and the node recovers by
 * itself.
 */
class StoreOutageTest {
    private static final String KEY = "AKIASTOREOUTAGETEST1";
    private static final String SECRET = "store-outage-secret-000000000000000000000";

    @TempDir
    Path tmp;

    private static EmbeddedPostgres postgres(Path dataDir, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                .start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Timed(RawResponse response, long millis) {
    }

    private static Timed timed(RawClient.Builder request) {
        long started = System.nanoTime();
        RawResponse response = request.send();
        return new Timed(response, (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void aStoppedDatabase_failsFastInEachServicesShape_andTheNodeRecoversByItself() throws Exception {
        int port = freePort();
        Path pgData = tmp.resolve("pg");
        EmbeddedPostgres database = postgres(pgData, port);
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        ServerConfig config = new ServerConfig(tmp.resolve("node"), "127.0.0.1", 0, List.of(0), List.of(),
                new io.corelink.domain.Account("us-east-1", "000000000000"), url, "postgres", null, KEY, SECRET,
                Duration.ofSeconds(1));
        CorelinkServer node = CorelinkServer.start(config, Clock.systemUTC(),
                new PrintStream(OutputStream.nullOutputStream()));
        URI endpoint = URI.create("http://127.0.0.1:" + node.controlPlanePort());
        RawClient raw = RawClient.forTest(endpoint, KEY, SECRET, "us-east-1");
        MtlsClient device;
        try (IotClient iot = IotClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(() -> AwsBasicCredentials.create(KEY, SECRET))
                .httpClient(ApacheHttpClient.create()).build()) {
            iot.createThing(r -> r.thingName("outage-sensor"));
            CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(r -> r.setAsActive(true));
            iot.attachThingPrincipal(r -> r.thingName("outage-sensor").principal(keys.certificateArn()));
            io.corelink.testing.DevicePolicies.allowGreengrass(iot, keys.certificateArn());
            device = new MtlsClient(keys.certificatePem(), keys.keyPair().privateKey(),
                    Files.readString(node.dataDirectory().resolve("ca/root-ca.pem")), node.dataPlanePorts().get(0));
        }
        try {
            assertThat(device.send("GET", "/greengrass/discover/thing/outage-sensor", null).status()).isEqualTo(404);
            assertThat(raw.request("GET", "/_corelink/ready").unsigned().send().status()).isEqualTo(200);
            RawResponse head = raw.request("HEAD", "/_corelink/health").unsigned().send();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.body()).isEmpty();

            database.close();
            Thread.sleep(2_500); // past the data plane's 2 s cache: the next Discover asks the store

            for (String path : List.of("/_corelink/health", "/_corelink/ready")) {
                Timed health = timed(raw.request("GET", path).unsigned());
                assertThat(health.response().status()).as(path).isEqualTo(503);
                assertThat(health.response().body()).as(path).startsWith("{\"status\":\"unavailable\",\"reason\":");
                assertThat(health.millis()).as(path + " answers within a second").isLessThan(1_000);
            }
            assertThat(raw.request("HEAD", "/_corelink/health").unsigned().send().status()).isEqualTo(503);

            Timed iotCall = timed(raw.request("GET", "/things/outage-sensor"));
            assertThat(iotCall.response().status()).isEqualTo(503);
            assertThat(iotCall.response().header("x-amzn-ErrorType")).isEqualTo("ServiceUnavailableException");
            assertThat(iotCall.millis()).as("bounded by the 1 s store timeout, plus slack").isLessThan(4_000);

            Timed greengrassCall = timed(raw.request("GET", "/greengrass/v2/coreDevices").service("greengrass"));
            assertThat(greengrassCall.response().status()).isEqualTo(500);
            assertThat(greengrassCall.response().header("x-amzn-ErrorType")).isEqualTo("InternalServerException");
            assertThat(greengrassCall.response().header("Retry-After")).isEqualTo("1");
            assertThat(greengrassCall.millis()).isLessThan(4_000);

            long started = System.nanoTime();
            MtlsClient.Answer discover = device.send("GET", "/greengrass/discover/thing/outage-sensor", null);
            assertThat(discover.status()).isEqualTo(503);
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(4_000);

            database = postgres(pgData, port);
            int status = 0;
            long restarted = System.nanoTime();
            while (status != 200 && System.nanoTime() - restarted < Duration.ofSeconds(20).toNanos()) {
                Thread.sleep(200);
                status = raw.request("GET", "/_corelink/ready").unsigned().send().status();
            }
            assertThat(status).as("ready again without a restart of the node").isEqualTo(200);
            assertThat(raw.request("GET", "/things/outage-sensor").send().status()).isEqualTo(200);
            assertThat(device.send("GET", "/greengrass/discover/thing/outage-sensor", null).status()).isEqualTo(404);
        } finally {
            node.close();
            database.close();
        }
    }
}
