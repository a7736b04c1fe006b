package io.corelink.bench;

import io.corelink.domain.coredevice.ConnectivityEndpoint;
import io.corelink.domain.discovery.DiscoveredCore;
import io.corelink.domain.thing.ThingName;
import io.corelink.pki.CertificateAuthority;
import io.corelink.pki.Pem;
import io.corelink.wire.json.Json;
import io.corelink.wire.sigv4.SigV4Signer;
import io.corelink.wire.sigv4.SigV4Verifier;
import io.corelink.wire.sigv4.SignedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JMH micro-benchmarks of the per-request work, each next to its floor: SigV4 verification next to the bare crypto it
 * cannot avoid (five HMACs and two SHA-256), and the Discover document built and serialised next to writing the
 * same document once cached as bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MicroBenchmarks {
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    private SigV4Verifier verifier;
    private SignedRequest request;
    private byte[] body;
    private List<DiscoveredCore> cores;
    private byte[] cachedDocument;

    @Setup
    public void setUp() {
        body = "{\"entries\":[{\"thingName\":\"sensor-1\"}]}".getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create("http://127.0.0.1:8080/greengrass/v2/coreDevices/core%3A1/associateClientDevices");
        Map<String, String> signed = SigV4Signer.sign("POST", uri, Map.of("content-type", "application/json"), body,
                "AKIAMICRO00000000001", "secret", "us-east-1", "greengrass", NOW);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signed.forEach((k, v) -> headers.put(k, List.of(v)));
        headers.put("host", List.of("127.0.0.1:8080"));
        request = new SignedRequest("POST", uri.getRawPath(), null, headers, body);
        verifier = new SigV4Verifier(id -> Optional.of("secret"), "us-east-1", Clock.fixed(NOW, ZoneOffset.UTC));
        String ca = Pem.write(CertificateAuthority.create(Clock.systemUTC()).certificate());
        cores = List.of(new DiscoveredCore(ThingName.of("core-1"), List.of(
                new ConnectivityEndpoint("lan", "192.168.1.20", 8883, ""),
                new ConnectivityEndpoint("dns", "core.local", 443, "")), List.of(ca)));
        cachedDocument = discoveryDocument();
    }

    @Benchmark
    public Object sigV4Verify() {
        return verifier.verify(request);
    }

    /** The floor of verification: the SHA-256 of body and canonical request and the five HMACs of the key chain. */
    @Benchmark
    public Object sigV4CryptoFloor() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.digest(body);
        sha.digest(body);
        byte[] key = ("AWS4secret").getBytes(StandardCharsets.UTF_8);
        for (String part : new String[] {"20261126", "us-east-1", "greengrass", "aws4_request", "string-to-sign"}) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            key = mac.doFinal(part.getBytes(StandardCharsets.UTF_8));
        }
        return key;
    }

    @Benchmark
    public byte[] discoveryDocumentBuilt() {
        return discoveryDocument();
    }

    @Benchmark
    public byte[] discoveryDocumentCached() {
        return cachedDocument.clone();
    }

    /** The same document DiscoverOperation builds (kept here so that the benchmark needs no server). */
    private byte[] discoveryDocument() {
        ObjectNode document = Json.object();
        ArrayNode groups = document.putArray("GGGroups");
        for (DiscoveredCore core : cores) {
            ObjectNode group = groups.addObject();
            group.put("GGGroupId", "greengrassV2-coreDevice-" + core.core().value());
            ObjectNode coreNode = group.putArray("Cores").addObject();
            coreNode.put("thingArn", "arn:aws:iot:us-east-1:000000000000:thing/" + core.core().value());
            ArrayNode connectivity = coreNode.putArray("Connectivity");
            for (ConnectivityEndpoint endpoint : core.connectivity()) {
                connectivity.addObject().put("Id", endpoint.id()).put("HostAddress", endpoint.hostAddress())
                        .put("PortNumber", endpoint.portNumber()).put("Metadata", endpoint.metadata());
            }
            ArrayNode authorities = group.putArray("CAs");
            core.certificateAuthorities().forEach(authorities::add);
        }
        return Json.write(document);
    }

}
