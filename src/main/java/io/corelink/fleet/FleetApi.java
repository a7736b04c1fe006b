package io.corelink.fleet;

import io.corelink.wire.http.PercentCodec;
import io.corelink.wire.json.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The public AWS operations the fleet commands make, with the shapes of the models ({@code iot-2015-05-28},
 * {@code greengrassv2-2020-11-30}): exactly the calls a user's own script with an AWS SDK would make, so that every
 * access rule, limit, audit record and event applies to them as to any other client.
 *
 * <p>An AWS error comes out as {@link AwsError} (its text as the AWS CLI shows it); no answer at all as
 * {@link FleetException}.
 */
public final class FleetApi {
    private static final String IOT = "iot";
    private static final String GREENGRASS = "greengrass";
    /** The most entries one BatchAssociateClientDeviceWithCoreDevice takes. */
    public static final int BATCH = 100;

    private final ControlPlaneClient client;

    public FleetApi(ControlPlaneClient client) {
        this.client = client;
    }

    public ControlPlaneClient client() {
        return client;
    }

    /** An AWS error answer: {@code errorType} as in {@code x-amzn-ErrorType}, the message as the CLI shows it. */
    public static final class AwsError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String errorType;

        public AwsError(ControlPlaneClient.Answer answer) {
            super(answer.error(), null, false, false);
            this.errorType = answer.errorType();
        }

        public String errorType() {
            return errorType;
        }
    }

    /** One certificate as DescribeCertificate shows it. */
    public record CertificateDescription(String certificateId, String certificateArn, String status,
                                         String certificatePem) {
    }

    /** Every thing with its attributes, in name order (ListThings, 250 a page). */
    public Map<String, Map<String, String>> things() {
        Map<String, Map<String, String>> things = new LinkedHashMap<>();
        pages("/things?maxResults=250", "nextToken", "nextToken", page -> page.path("things").forEach(thing ->
                things.put(thing.path("thingName").asString(), strings(thing.path("attributes")))));
        return things;
    }

    /** CreateThing: success also when it exists with the same attributes (AWS). */
    public void createThing(String name, Map<String, String> attributes) {
        ObjectNode body = Json.object();
        if (!attributes.isEmpty()) {
            ObjectNode values = body.putObject("attributePayload").putObject("attributes");
            attributes.forEach(values::put);
        }
        check(call("POST", IOT, "/things/" + segment(name), body));
    }

    /** UpdateThing with {@code merge}: the named attributes set, the others kept. */
    public void mergeAttributes(String name, Map<String, String> attributes) {
        ObjectNode body = Json.object();
        ObjectNode payload = body.putObject("attributePayload");
        attributes.forEach(payload.putObject("attributes")::put);
        payload.put("merge", true);
        check(call("PATCH", IOT, "/things/" + segment(name), body));
    }

    /** The principals (certificate ARNs) attached to a thing; empty when the thing does not exist. */
    public Set<String> thingPrincipals(String thing) {
        Set<String> principals = new LinkedHashSet<>();
        try {
            pages("/things/" + segment(thing) + "/principals?maxResults=100", "nextToken", "nextToken",
                    page -> page.path("principals").forEach(arn -> principals.add(arn.asString())));
        } catch (AwsError e) {
            if (!"ResourceNotFoundException".equals(e.errorType())) {
                throw e;
            }
        }
        return principals;
    }

    /** CreateCertificateFromCsr with {@code setAsActive}: the new certificate's ARN, id and PEM. */
    public CertificateDescription createCertificateFromCsr(String csrPem) {
        ObjectNode body = Json.object().put("certificateSigningRequest", csrPem);
        // Not sent again when its answer is lost: the server may have made the certificate (a rerun finds it).
        ControlPlaneClient.Answer sent = answered(() -> client.sendOnce("POST", IOT,
                "/certificates?setAsActive=true", Json.write(body)),
                e -> "no answer from " + client.endpoint() + " to CreateCertificateFromCsr (" + describe(e) + ")");
        JsonNode answer = check(sent);
        return new CertificateDescription(answer.path("certificateId").asString(),
                answer.path("certificateArn").asString(), "ACTIVE", answer.path("certificatePem").asString());
    }

    /**
     * RegisterCertificateWithoutCA with {@code status}: the certificate's ARN, or null when it was registered already
     * (409 {@code ResourceAlreadyExistsException}: nothing changed).
     */
    public @Nullable String registerCertificate(String pem, String status) {
        ObjectNode body = Json.object().put("certificatePem", pem).put("status", status);
        ControlPlaneClient.Answer answer = call("POST", IOT, "/certificate/register-no-ca", body);
        if ("ResourceAlreadyExistsException".equals(answer.errorType())) {
            return null;
        }
        return check(answer).path("certificateArn").asString();
    }

    /** DescribeCertificate; null when there is no such certificate. */
    public @Nullable CertificateDescription describeCertificate(String certificateId) {
        ControlPlaneClient.Answer answer = call("GET", IOT, "/certificates/" + segment(certificateId), null);
        if ("ResourceNotFoundException".equals(answer.errorType())) {
            return null;
        }
        JsonNode description = check(answer).path("certificateDescription");
        return new CertificateDescription(description.path("certificateId").asString(),
                description.path("certificateArn").asString(), description.path("status").asString(),
                description.path("certificatePem").asString());
    }

    /**
     * ListCertificates newest first, page by page, for as long as {@code more} says so of each certificate's
     * creation date (epoch seconds).
     */
    public void certificatesNewestFirst(java.util.function.BiPredicate<String, Double> more) {
        String marker = null;
        do {
            String path = "/certificates?pageSize=250" + (marker == null ? "" : "&marker=" + segment(marker));
            JsonNode page = check(call("GET", IOT, path, null));
            for (JsonNode certificate : page.path("certificates")) {
                if (!more.test(certificate.path("certificateId").asString(),
                        certificate.path("creationDate").asDouble())) {
                    return;
                }
            }
            marker = page.path("nextMarker").isString() ? page.path("nextMarker").asString() : null;
        } while (marker != null);
    }

    /** AttachThingPrincipal (a no-op when attached). */
    public void attachThingPrincipal(String thing, String certificateArn) {
        check(call("PUT", IOT, "/things/" + segment(thing) + "/principals", null,
                Map.of("x-amzn-principal", certificateArn)));
    }

    /** The names of the policies attached to a target (ListAttachedPolicies). */
    public Set<String> attachedPolicies(String target) {
        Set<String> names = new LinkedHashSet<>();
        pages("/attached-policies/" + segment(target) + "?pageSize=250", "marker", "nextMarker", "POST",
                page -> page.path("policies").forEach(policy -> names.add(policy.path("policyName").asString())));
        return names;
    }

    /** AttachPolicy (a no-op when attached). */
    public void attachPolicy(String policy, String target) {
        check(call("PUT", IOT, "/target-policies/" + segment(policy), Json.object().put("target", target)));
    }

    /** The names of the client devices associated with a core device; empty when it is no thing. */
    public Set<String> associatedClientDevices(String core) {
        Set<String> names = new LinkedHashSet<>();
        try {
            pages("/greengrass/v2/coreDevices/" + segment(core) + "/associatedClientDevices?maxResults=100",
                    "nextToken", "nextToken", GREENGRASS, "GET", page -> page.path("associatedClientDevices")
                            .forEach(device -> names.add(device.path("thingName").asString())));
        } catch (AwsError e) {
            if (!"ResourceNotFoundException".equals(e.errorType())) {
                throw e;
            }
        }
        return names;
    }

    /**
     * BatchAssociateClientDeviceWithCoreDevice of at most {@link #BATCH} things: the entries that failed, thing name
     * to the error as the AWS CLI shows it.
     */
    public Map<String, String> associate(String core, List<String> things) {
        ObjectNode body = Json.object();
        ArrayNode entries = body.putArray("entries");
        things.forEach(thing -> entries.addObject().put("thingName", thing));
        JsonNode answer = check(call("POST", GREENGRASS, "/greengrass/v2/coreDevices/" + segment(core)
                + "/associateClientDevices", body));
        Map<String, String> failed = new LinkedHashMap<>();
        answer.path("errorEntries").forEach(entry -> failed.put(entry.path("thingName").asString(),
                entry.path("code").asString() + ": " + entry.path("message").asString()));
        return failed;
    }

    /** The names of every IoT policy (ListPolicies). */
    public List<String> policyNames() {
        List<String> names = new java.util.ArrayList<>();
        pages("/policies?pageSize=250", "marker", "nextMarker", page -> page.path("policies")
                .forEach(policy -> names.add(policy.path("policyName").asString())));
        return names;
    }

    /** The default version's document of a policy (GetPolicy); null when there is no such policy. */
    public @Nullable String policyDocument(String name) {
        ControlPlaneClient.Answer answer = call("GET", IOT, "/policies/" + segment(name), null);
        if ("ResourceNotFoundException".equals(answer.errorType())) {
            return null;
        }
        return check(answer).path("policyDocument").asString();
    }

    /** CreatePolicy. */
    public void createPolicy(String name, String document) {
        check(call("POST", IOT, "/policies/" + segment(name), Json.object().put("policyDocument", document)));
    }

    /**
     * CreatePolicyVersion as the default; when the policy has its five versions, the oldest one that is not the
     * default goes first (DeletePolicyVersion), as a user keeping a policy current does.
     */
    public void setPolicyDocument(String name, String document) {
        String path = "/policies/" + segment(name) + "/version?setAsDefault=true";
        ControlPlaneClient.Answer answer = call("POST", IOT, path, Json.object().put("policyDocument", document));
        if ("VersionsLimitExceededException".equals(answer.errorType())) {
            JsonNode versions = check(call("GET", IOT, "/policies/" + segment(name) + "/version", null));
            String oldest = null;
            double oldestDate = Double.MAX_VALUE;
            for (JsonNode version : versions.path("policyVersions")) {
                if (!version.path("isDefaultVersion").asBoolean() && version.path("createDate").asDouble() < oldestDate) {
                    oldestDate = version.path("createDate").asDouble();
                    oldest = version.path("versionId").asString();
                }
            }
            if (oldest != null) {
                check(call("DELETE", IOT, "/policies/" + segment(name) + "/version/" + segment(oldest), null));
            }
            answer = call("POST", IOT, path, Json.object().put("policyDocument", document));
        }
        check(answer);
    }

    /** The data plane's host (DescribeEndpoint, {@code iot:Data-ATS}). */
    public String dataEndpointHost() {
        return check(call("GET", IOT, "/endpoint?endpointType=iot%3AData-ATS", null)).path("endpointAddress")
                .asString();
    }

    /** The names of every core device (ListCoreDevices). */
    public List<String> coreDeviceNames() {
        List<String> names = new java.util.ArrayList<>();
        pages("/greengrass/v2/coreDevices?maxResults=100", "nextToken", "nextToken", GREENGRASS, "GET",
                page -> page.path("coreDevices").forEach(core -> names.add(core.path("coreDeviceThingName")
                        .asString())));
        return names;
    }

    /** GetConnectivityInfo, as {@code {Id, HostAddress, PortNumber, Metadata}} objects in order. */
    public List<JsonNode> connectivity(String thing) {
        List<JsonNode> entries = new java.util.ArrayList<>();
        check(call("GET", GREENGRASS, "/greengrass/things/" + segment(thing) + "/connectivityInfo", null))
                .path("ConnectivityInfo").forEach(entries::add);
        return entries;
    }

    /** UpdateConnectivityInfo: the whole list replaced. */
    public void updateConnectivity(String thing, ArrayNode entries) {
        ObjectNode body = Json.object();
        body.set("ConnectivityInfo", entries);
        check(call("PUT", GREENGRASS, "/greengrass/things/" + segment(thing) + "/connectivityInfo", body));
    }

    /** The CA certificates a core device put (Corelink's own read); empty when it is not a core device. */
    public List<String> certificateAuthorities(String core) {
        ControlPlaneClient.Answer answer = call("GET", GREENGRASS, "/corelink/v1/coreDevices/" + segment(core)
                + "/certificateAuthorities", null);
        if ("ResourceNotFoundException".equals(answer.errorType())) {
            return List.of();
        }
        List<String> pems = new java.util.ArrayList<>();
        check(answer).path("coreDeviceCertificates").forEach(pem -> pems.add(pem.asString()));
        return pems;
    }

    private void pages(String path, String tokenParameter, String tokenMember, Consumer<JsonNode> each) {
        pages(path, tokenParameter, tokenMember, IOT, "GET", each);
    }

    private void pages(String path, String tokenParameter, String tokenMember, String method,
                       Consumer<JsonNode> each) {
        pages(path, tokenParameter, tokenMember, IOT, method, each);
    }

    private void pages(String path, String tokenParameter, String tokenMember, String service, String method,
                       Consumer<JsonNode> each) {
        String token = null;
        do {
            String page = path + (token == null ? "" : "&" + tokenParameter + "=" + segment(token));
            JsonNode answer = check(call(method, service, page, null));
            each.accept(answer);
            JsonNode next = answer.path(tokenMember);
            token = next.isString() && !next.asString().isEmpty() ? next.asString() : null;
        } while (token != null);
    }

    private ControlPlaneClient.Answer call(String method, String service, String path, @Nullable JsonNode body) {
        return call(method, service, path, body, Map.of());
    }

    private ControlPlaneClient.Answer call(String method, String service, String path, @Nullable JsonNode body,
                                          Map<String, String> headers) {
        return answered(() -> client.call(method, service, path, body, headers),
                e -> "cannot reach " + client.endpoint() + ": " + describe(e));
    }

    /** A request to the server. */
    private interface Request {
        ControlPlaneClient.Answer send() throws IOException, InterruptedException;
    }

    /** The request's answer; no answer is a {@link FleetException} with the line {@code unanswered} makes. */
    private static ControlPlaneClient.Answer answered(Request request,
                                                      java.util.function.Function<IOException, String> unanswered) {
        try {
            return request.send();
        } catch (IOException e) {
            throw new FleetException(unanswered.apply(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("interrupted");
        }
    }

    private static JsonNode check(ControlPlaneClient.Answer answer) {
        if (!answer.ok()) {
            throw new AwsError(answer);
        }
        return answer.json();
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asString()));
        return values;
    }

    /** A path segment or query value, strictly percent-encoded as the AWS SDKs send it. */
    static String segment(String value) {
        return PercentCodec.encode(value, false);
    }

    private static String describe(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused; is 'corelink serve' running there?";
        }
        return e.getClass().getSimpleName();
    }
}
