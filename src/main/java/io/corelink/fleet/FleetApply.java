package io.corelink.fleet;

import io.corelink.pki.CertificateAuthority;
import io.corelink.pki.KeyAlgorithm;
import io.corelink.pki.Pem;
import io.corelink.wire.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code corelink apply} and {@code serve --init} (operations.md §5): brings about what a {@link Fixture} names,
 * through the public API, and leaves alone what it does not name. Idempotent: each piece is read first and changed only
 * when it differs, so a second apply of the same fixture makes no change.
 *
 * <ul>
 * <li>Policies: created, or given a new default version when the document differs.</li>
 * <li>Things: created; the named attributes set (UpdateThing with merge), the others kept; each certificate as
 * {@link DeviceCertificates} brings it about; the named policies attached to every certificate of the thing.</li>
 * <li>Core devices: the thing created if missing; connectivity replaced when it differs; CA certificates put exactly
 * as the core would, PutCertificateAuthorities over mutual TLS with the core's own certificate (made and given the
 * policy {@value #CORE_POLICY} when the fixture does not list the core among its things); client devices associated
 * (100 a call), none disassociated.</li>
 * </ul>
 *
 * <p>Stops at the first refusal with a {@link FleetException} naming the fixture's entry and the AWS error; what was
 * done before it is kept, and a rerun goes on from there.
 */
public final class FleetApply {
    /** The IoT policy a core device made here gets: the core-side data-plane calls, as AWS documents them. */
    public static final String CORE_POLICY = "corelink-core-device";
    static final String CORE_POLICY_DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"greengrass:PutCertificateAuthorities\",\"greengrass:VerifyClientDeviceIdentity\","
            + "\"greengrass:VerifyClientDeviceIoTCertificateAssociation\",\"greengrass:GetConnectivityInfo\","
            + "\"greengrass:UpdateConnectivityInfo\"],\"Resource\":\"*\"}]}";

    private final FleetApi api;
    private final DeviceFiles files;
    private final DeviceCertificates certificates;
    private final Supplier<CoreDataPlane> dataPlaneSource;
    private @org.jspecify.annotations.Nullable CoreDataPlane dataPlane;
    private final Clock clock;
    private final List<String> changes = new ArrayList<>();

    /** @param dataPlane the data plane as a core reaches it, asked for only when a CA certificate is to be put */
    public FleetApply(FleetApi api, DeviceFiles files, KeyAlgorithm keyAlgorithm, Supplier<CoreDataPlane> dataPlane,
                      Clock clock) {
        this.api = api;
        this.files = files;
        this.certificates = new DeviceCertificates(api, files, keyAlgorithm);
        this.dataPlaneSource = dataPlane;
        this.clock = clock;
    }

    /**
     * Applies the fixture.
     *
     * @return what changed, one line each, in order; empty when the server was already as the fixture says
     * @throws FleetException naming the entry that failed and why
     */
    public List<String> apply(Fixture fixture) {
        for (int i = 0; i < fixture.policies().size(); i++) {
            Fixture.Policy policy = fixture.policies().get(i);
            step("policies[" + i + "] " + policy.name(), () -> policy(policy));
        }
        Map<String, Map<String, String>> things = api.things();
        for (int i = 0; i < fixture.things().size(); i++) {
            Fixture.Thing thing = fixture.things().get(i);
            step("things[" + i + "] " + thing.name(), () -> thing(thing, things));
        }
        Set<String> listedThings = new java.util.HashSet<>();
        fixture.things().forEach(thing -> listedThings.add(thing.name()));
        for (int i = 0; i < fixture.coreDevices().size(); i++) {
            Fixture.CoreDevice core = fixture.coreDevices().get(i);
            step("coreDevices[" + i + "] " + core.name(), () -> coreDevice(core, things,
                    listedThings.contains(core.name())));
        }
        return List.copyOf(changes);
    }

    private void step(String where, Runnable work) {
        try {
            work.run();
        } catch (FleetApi.AwsError | IllegalArgumentException | FleetException e) {
            throw new FleetException(where + ": " + e.getMessage());
        } catch (io.corelink.domain.error.InvalidValueException e) {
            throw new FleetException(where + ": " + e.getMessage());
        }
    }

    private void policy(Fixture.Policy policy) {
        String current = api.policyDocument(policy.name());
        if (current == null) {
            try {
                api.createPolicy(policy.name(), policy.document());
                changes.add("created policy " + policy.name());
                return;
            } catch (FleetApi.AwsError e) {
                // Another node applying the same fixture at its start made it first: compare with theirs.
                current = api.policyDocument(policy.name());
                if (!"ResourceAlreadyExistsException".equals(e.errorType()) || current == null) {
                    throw e;
                }
            }
        }
        if (!sameJson(current, policy.document())) {
            api.setPolicyDocument(policy.name(), policy.document());
            changes.add("set a new default version of policy " + policy.name());
        }
    }

    private void thing(Fixture.Thing thing, Map<String, Map<String, String>> things) {
        io.corelink.domain.thing.ThingName.of(thing.name());
        Map<String, String> wanted = thing.attributes() == null ? Map.of() : thing.attributes();
        Map<String, String> existing = things.get(thing.name());
        boolean isNew = existing == null;
        if (existing == null) {
            api.createThing(thing.name(), wanted);
            things.put(thing.name(), wanted);
            changes.add("created thing " + thing.name());
        } else if (!existing.entrySet().containsAll(wanted.entrySet())) {
            api.mergeAttributes(thing.name(), wanted);
            changes.add("set attributes " + wanted.keySet() + " of thing " + thing.name());
        }
        Set<String> before = isNew ? Set.of() : Set.copyOf(api.thingPrincipals(thing.name()));
        Set<String> principals = new LinkedHashSet<>(before);
        for (Fixture.Certificate certificate : thing.certificates()) {
            // Each entry sees the thing as it was: a certificate this fixture just attached is not one "from
            // elsewhere" that would stand in for a generated one.
            DeviceCertificates.Step step = certificates.certificate(thing.name(), certificate.source(),
                    certificate.status(), before);
            if (step.created()) {
                changes.add("attached certificate " + step.arns().get(0).substring(step.arns().get(0)
                        .lastIndexOf('/') + 1) + " to thing " + thing.name());
            }
            principals.addAll(step.arns());
        }
        attachPolicies(thing.policies(), principals);
    }

    private void attachPolicies(List<String> policies, Set<String> certificateArns) {
        if (policies.isEmpty()) {
            return;
        }
        for (String arn : certificateArns) {
            Set<String> attached = api.attachedPolicies(arn);
            for (String policy : policies) {
                if (!attached.contains(policy)) {
                    api.attachPolicy(policy, arn);
                    changes.add("attached policy " + policy + " to certificate " + arn.substring(
                            arn.lastIndexOf('/') + 1));
                }
            }
        }
    }

    private void coreDevice(Fixture.CoreDevice core, Map<String, Map<String, String>> things, boolean listed) {
        io.corelink.domain.thing.ThingName.of(core.name());
        if (!things.containsKey(core.name())) {
            api.createThing(core.name(), Map.of());
            things.put(core.name(), Map.of());
            changes.add("created thing " + core.name());
        }
        List<Fixture.Connectivity> connectivity = core.connectivity();
        if (connectivity != null) {
            ArrayNode wanted = Json.object().putArray("ConnectivityInfo");
            for (Fixture.Connectivity entry : connectivity) {
                tools.jackson.databind.node.ObjectNode written = wanted.addObject();
                if (!entry.id().isEmpty()) {
                    written.put("Id", entry.id());
                }
                written.put("HostAddress", entry.hostAddress()).put("PortNumber", entry.portNumber())
                        .put("Metadata", entry.metadata());
            }
            if (!comparable(api.connectivity(core.name())).equals(comparable(listOf(wanted)))) {
                api.updateConnectivity(core.name(), wanted);
                changes.add("set the connectivity of core device " + core.name() + " (" + connectivity.size()
                        + " entries)");
            }
        }
        List<String> authorities = core.certificateAuthorities();
        List<String> current = authorities == null ? List.of() : api.certificateAuthorities(core.name());
        if (authorities != null && authorities.contains(Fixture.GENERATE) && !current.isEmpty()
                && !Files.exists(files.caCertificate(core.name()))) {
            // "generate" asks that the core have a CA of its own: it has, made by another apply (another node's
            // serve --init, another --out). Making a second one would replace the one its devices trust.
            authorities = null;
        }
        if (authorities != null) {
            List<String> wanted = authorities.stream().map(source -> authority(core.name(), source)).toList();
            if (!current.stream().map(String::strip).toList().equals(wanted.stream().map(String::strip).toList())) {
                putAsTheCore(core.name(), wanted, listed);
                changes.add("put " + wanted.size() + " CA certificate(s) of core device " + core.name()
                        + " as the core");
            }
        }
        List<String> clients = core.clientDevices();
        if (clients != null) {
            Set<String> associated = api.associatedClientDevices(core.name());
            List<String> missing = clients.stream().distinct().filter(c -> !associated.contains(c)).toList();
            for (int from = 0; from < missing.size(); from += FleetApi.BATCH) {
                List<String> batch = missing.subList(from, Math.min(missing.size(), from + FleetApi.BATCH));
                Map<String, String> failed = api.associate(core.name(), batch);
                if (!failed.isEmpty()) {
                    Map.Entry<String, String> first = failed.entrySet().iterator().next();
                    throw new FleetException("client device " + first.getKey()
                            + ": " + first.getValue());
                }
            }
            if (!missing.isEmpty()) {
                changes.add("associated " + missing.size() + " client device(s) with core device " + core.name());
            }
        }
    }

    /** The PEM of a CA entry: the text, a file's, or the core's generated CA (made once, key first). */
    private String authority(String core, String source) {
        if (source.startsWith("-----BEGIN")) {
            return source;
        }
        if (!source.equals(Fixture.GENERATE)) {
            return files.read(Path.of(source)).orElseThrow(() -> new IllegalArgumentException(source
                    + ": no such file"));
        }
        Path certificate = files.caCertificate(core);
        Path key = files.caKey(core);
        if (Files.exists(certificate) && Files.exists(key)) {
            return files.read(certificate).orElseThrow();
        }
        CertificateAuthority authority = CertificateAuthority.create("CN=" + core + " Greengrass Core CA",
                KeyAlgorithm.EC_P256, clock);
        files.write(key, Pem.writeKeyPair(new KeyPair(authority.certificate().getPublicKey(),
                authority.privateKey())));
        String pem = Pem.write(authority.certificate());
        files.write(certificate, pem);
        changes.add("generated the CA of core device " + core + " (" + certificate.getFileName() + ", "
                + key.getFileName() + ")");
        return pem;
    }

    /** PutCertificateAuthorities with the core's own certificate, made (with {@value #CORE_POLICY}) if need be. */
    private void putAsTheCore(String core, List<String> authorities, boolean listed) {
        Set<String> principals = api.thingPrincipals(core);
        DeviceCertificates.Step step = certificates.certificate(core, Fixture.GENERATE, "ACTIVE", principals);
        Path key = files.privateKey(core);
        Path certificate = files.certificate(core);
        if (!Files.exists(key) || !Files.exists(certificate)) {
            throw new FleetException("cannot put its CA certificates as the core: it has a "
                    + "certificate whose key is not under " + files.directory() + " (--out); put them from the core "
                    + "itself, or run apply with the --out that holds " + key.getFileName());
        }
        if (step.created()) {
            changes.add("attached certificate " + DeviceCertificates.certificateId(files.read(certificate).orElseThrow())
                    + " to thing " + core + " (its own, to act as the core)");
        }
        String pem = files.read(certificate).orElseThrow();
        if (!listed) {
            String arn = step.arns().stream().filter(a -> a.endsWith("/" + DeviceCertificates.certificateId(pem)))
                    .findFirst().orElse(step.arns().get(0));
            if (api.policyDocument(CORE_POLICY) == null) {
                policy(new Fixture.Policy(CORE_POLICY, CORE_POLICY_DOCUMENT));
            }
            attachPolicies(List.of(CORE_POLICY), Set.of(arn));
        }
        if (dataPlane == null) {
            dataPlane = dataPlaneSource.get();
        }
        dataPlane.putCertificateAuthorities(core, files.readKeyPair(key), pem, authorities);
    }

    private static boolean sameJson(String a, String b) {
        try {
            return Json.parse(a.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .equals(Json.parse(b.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            return Objects.equals(a, b);
        }
    }

    /** Entries as the server and a fixture may each write them: an absent Id or Metadata is "". */
    private static List<List<String>> comparable(List<JsonNode> entries) {
        return entries.stream().map(entry -> List.of(entry.path("Id").asString(""),
                entry.path("HostAddress").asString(""), entry.path("PortNumber").asString(""),
                entry.path("Metadata").asString(""))).toList();
    }

    private static List<JsonNode> listOf(ArrayNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
