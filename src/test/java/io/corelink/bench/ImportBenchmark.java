package io.corelink.bench;

import io.corelink.app.CorelinkServer;
import io.corelink.app.Main;
import io.corelink.pki.KeyAlgorithm;
import io.corelink.pki.Pem;
import io.corelink.pki.SigningRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.greengrassv2.GreengrassV2Client;
import software.amazon.awssdk.services.greengrassv2.model.AssociateClientDeviceWithCoreDeviceEntry;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * Issue 16's row: {@code corelink import} of N devices (a generated key and certificate, a policy, an association
 * each) against the same calls made by a script with the AWS SDK for Java at the same concurrency: the key and CSR
 * made the same way, CreateThing, CreateCertificateFromCsr, the key and certificate written, AttachThingPrincipal,
 * AttachPolicy, and BatchAssociate of 100 as they fill up. Each side on a fresh server of its own.
 */
final class ImportBenchmark {
    static final int CONCURRENCY = 8;
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"greengrass:Discover\",\"Resource\":\"*\"}]}";

    private ImportBenchmark() {
    }

    /** Seconds {@code corelink import} takes for {@code devices} rows. */
    static double viaImport(CorelinkServer server, String key, String secret, int devices, Path work)
            throws Exception {
        try (IotClient iot = iot(server, key, secret)) {
            iot.createPolicy(r -> r.policyName("fleet").policyDocument(POLICY));
        }
        Path file = work.resolve("fleet.csv");
        List<String> lines = new ArrayList<>(List.of("thingName,attributes,certificate,policy,coreDeviceThingName"));
        for (int i = 0; i < devices; i++) {
            lines.add("dev-" + i + ",site=plant-7,generate,fleet,core-" + i % 4);
        }
        Files.write(file, lines);
        long started = System.nanoTime();
        int exit = Main.run("import", file.toString(), "--out", work.resolve("out").toString(), "--endpoint",
                server.controlPlaneUri().toString(), "--data-dir", server.dataDirectory().toString(),
                "--concurrency", Integer.toString(CONCURRENCY));
        double seconds = (System.nanoTime() - started) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("corelink import failed: exit " + exit);
        }
        return seconds;
    }

    /** Seconds the same calls take made directly with the AWS SDK for Java, {@link #CONCURRENCY} at a time. */
    static double viaSdk(CorelinkServer server, String key, String secret, int devices, Path work) throws Exception {
        Path out = Files.createDirectories(work.resolve("sdk-out"));
        try (IotClient iot = iot(server, key, secret);
             GreengrassV2Client greengrass = GreengrassV2Client.builder().endpointOverride(server.controlPlaneUri())
                     .region(Region.US_EAST_1).credentialsProvider(() -> AwsBasicCredentials.create(key, secret))
                     .httpClient(ApacheHttpClient.builder().maxConnections(CONCURRENCY * 2).build()).build()) {
            iot.createPolicy(r -> r.policyName("fleet").policyDocument(POLICY));
            for (int c = 0; c < 4; c++) {
                int core = c;
                iot.createThing(r -> r.thingName("core-" + core));
            }
            long started = System.nanoTime();
            ExecutorService workers = Executors.newFixedThreadPool(CONCURRENCY);
            List<List<String>> pending = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                pending.add(new ArrayList<>());
            }
            List<Future<?>> work2 = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                String thing = "dev-" + i;
                int core = i % 4;
                work2.add(workers.submit(() -> {
                    KeyPair keys = KeyAlgorithm.EC_P256.generate();
                    String csr = SigningRequest.create(keys, KeyAlgorithm.EC_P256, thing);
                    iot.createThing(r -> r.thingName(thing).attributePayload(a -> a.attributes(Map.of("site",
                            "plant-7"))));
                    var certificate = iot.createCertificateFromCsr(r -> r.setAsActive(true)
                            .certificateSigningRequest(csr));
                    Files.writeString(out.resolve(thing + ".private.key"), Pem.writeKeyPair(keys));
                    Files.writeString(out.resolve(thing + ".cert.pem"), certificate.certificatePem());
                    iot.attachThingPrincipal(r -> r.thingName(thing).principal(certificate.certificateArn()));
                    iot.attachPolicy(r -> r.policyName("fleet").target(certificate.certificateArn()));
                    List<String> batch = null;
                    synchronized (pending) {
                        pending.get(core).add(thing);
                        if (pending.get(core).size() == 100) {
                            batch = List.copyOf(pending.get(core));
                            pending.get(core).clear();
                        }
                    }
                    if (batch != null) {
                        associate(greengrass, "core-" + core, batch);
                    }
                    return null;
                }));
            }
            for (Future<?> future : work2) {
                future.get();
            }
            for (int c = 0; c < 4; c++) {
                if (!pending.get(c).isEmpty()) {
                    associate(greengrass, "core-" + c, pending.get(c));
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            workers.shutdown();
            return seconds;
        }
    }

    private static void associate(GreengrassV2Client greengrass, String core, List<String> things) {
        var answer = greengrass.batchAssociateClientDeviceWithCoreDevice(r -> r.coreDeviceThingName(core)
                .entries(things.stream().map(t -> AssociateClientDeviceWithCoreDeviceEntry.builder().thingName(t)
                        .build()).toList()));
        if (!answer.errorEntries().isEmpty()) {
            throw new IllegalStateException("BatchAssociate failed: " + answer.errorEntries());
        }
    }

    private static IotClient iot(CorelinkServer server, String key, String secret) {
        URI endpoint = server.controlPlaneUri();
        return IotClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(() -> AwsBasicCredentials.create(key, secret))
                .httpClient(ApacheHttpClient.builder().maxConnections(CONCURRENCY * 2).build()).build();
    }
}
