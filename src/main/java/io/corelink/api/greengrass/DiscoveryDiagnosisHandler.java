package io.corelink.api.greengrass;

import io.corelink.domain.validation.Constraints;
import io.corelink.domain.discovery.DiscoverPermission;
import io.corelink.domain.discovery.DiscoveryDiagnosis;
import io.corelink.domain.thing.ThingName;
import io.corelink.service.DiscoveryDiagnosisService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /corelink/v1/discoveryDiagnosis/{thingName}} (Corelink's own, SigV4 scope {@code greengrass}): what
 * stands between a thing and a successful Discover. An unknown thing is a 200 with {@code thingExists: false}.
 */
public final class DiscoveryDiagnosisHandler implements Operation {
    private final DiscoveryDiagnosisService diagnosis;

    public DiscoveryDiagnosisHandler(DiscoveryDiagnosisService diagnosis) {
        this.diagnosis = diagnosis;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.GREENGRASS);
        String thing = violations.required("thingName", request.label("thingName"), value -> {
            Constraints.length(value, 1, 128);
            return value;
        });
        violations.throwIfAny();
        DiscoveryDiagnosis result = ThingName.parse(thing).map(diagnosis::diagnose)
                .orElseGet(() -> DiscoveryDiagnosis.unknownThing(thing));
        ObjectNode body = Json.object();
        body.put("thingName", result.thingName());
        body.put("thingExists", result.thingExists());
        body.put("wouldDiscover", result.wouldDiscover());
        ArrayNode certificates = body.putArray("certificates");
        result.certificateList().forEach(e -> {
            ObjectNode certificate = certificates.addObject()
                    .put("certificateId", e.getKey().value()).put("status", e.getValue().name());
            DiscoverPermission permission = result.permissions().get(e.getKey());
            if (permission != null) {
                ObjectNode decision = certificate.putObject("discoverPolicy").put("decision",
                        permission.decision().name());
                if (permission.policyName() != null) {
                    decision.put("policyName", permission.policyName()).put("statement", permission.statement());
                }
            }
        });
        ArrayNode cores = body.putArray("coreDevices");
        for (DiscoveryDiagnosis.CoreCheck core : result.coreDevices()) {
            cores.addObject()
                    .put("coreDeviceThingName", core.coreDeviceThingName())
                    .put("hasConnectivityInfo", core.hasConnectivityInfo())
                    .put("hasCertificateAuthority", core.hasCertificateAuthority())
                    .put("included", core.included());
        }
        ArrayNode reasons = body.putArray("reasons");
        result.reasons().forEach(reasons::add);
        return ApiResponse.ok(body);
    }
}
