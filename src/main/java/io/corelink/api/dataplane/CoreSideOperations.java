package io.corelink.api.dataplane;

import io.corelink.api.greengrass.ConnectivityInput;
import io.corelink.api.greengrass.GetConnectivityInfoHandler;
import io.corelink.domain.validation.Constraints;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.coredevice.ConnectivityEndpoint;
import io.corelink.domain.discovery.DataPlaneCaller;
import io.corelink.domain.thing.ThingName;
import io.corelink.service.CoreSideService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import io.corelink.wire.json.JsonBody;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The core-side calls of data-plane.md §3 (REST-JSON, Greengrass error shapes), authenticated by the caller's
 * certificate: PutCertificateAuthorities, Get/UpdateConnectivityInfo, VerifyClientDeviceIdentity and
 * VerifyClientDeviceIoTCertificateAssociation.
 */
public final class CoreSideOperations {
    static final int MAX_CERTIFICATE_AUTHORITIES = 10;
    private final CoreSideService dataPlane;

    public CoreSideOperations(CoreSideService dataPlane) {
        this.dataPlane = dataPlane;
    }

    /** The thing a core-side call acts for; a name that cannot name a thing cannot be one the caller is attached to. */
    private static ThingName actingFor(String label) {
        return ThingName.parse(label).orElseThrow(() -> CoreSideService.notAttached(label));
    }

    /** {@code PUT /greengrass/v2/coreDevices/{coreDeviceThingName}/certificateAuthorities}. */
    public ApiResponse putCertificateAuthorities(ApiRequest request, DataPlaneCaller caller) {
        Violations violations = new Violations(ServiceFamily.GREENGRASS);
        String core = request.label("coreDeviceThingName");
        JsonBody body = JsonBody.parse(ServiceFamily.GREENGRASS, request.body());
        List<String> pems = body.strings("coreDeviceCertificates");
        if (pems == null) {
            violations.add("coreDeviceCertificates", "Member must not be null", null);
        } else if (pems.isEmpty() || pems.size() > MAX_CERTIFICATE_AUTHORITIES) {
            violations.add("coreDeviceCertificates", pems.isEmpty()
                    ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to " + MAX_CERTIFICATE_AUTHORITIES, null);
        }
        violations.throwIfAny();
        dataPlane.putCertificateAuthorities(caller, actingFor(core), Objects.requireNonNull(pems));
        return ApiResponse.ok(Json.object());
    }

    /** {@code GET /greengrass/things/{thingName}/connectivityInfo}. */
    public ApiResponse getConnectivityInfo(ApiRequest request, DataPlaneCaller caller) {
        return ApiResponse.ok(GetConnectivityInfoHandler.body(dataPlane.connectivity(caller,
                actingFor(request.label("thingName")))));
    }

    /** {@code PUT /greengrass/things/{thingName}/connectivityInfo}. */
    public ApiResponse updateConnectivityInfo(ApiRequest request, DataPlaneCaller caller) {
        Violations violations = new Violations(ServiceFamily.GREENGRASS);
        List<ConnectivityEndpoint> endpoints = ConnectivityInput.endpoints(violations, request);
        violations.throwIfAny();
        ObjectNode response = Json.object();
        response.put("Version", dataPlane.updateConnectivity(caller, actingFor(request.label("thingName")),
                endpoints));
        return ApiResponse.ok(response);
    }

    /** {@code POST /greengrass/v2/clientDevices/verifyIdentity}. */
    public ApiResponse verifyClientDeviceIdentity(ApiRequest request, DataPlaneCaller caller) {
        Violations violations = new Violations(ServiceFamily.GREENGRASS);
        String pem = violations.required("clientDeviceCertificate",
                JsonBody.parse(ServiceFamily.GREENGRASS, request.body()).string("clientDeviceCertificate"), value -> {
                    Constraints.length(value, 1, 65536);
                    return value;
                });
        violations.throwIfAny();
        ObjectNode response = Json.object();
        response.put("clientDeviceCertificateId", dataPlane.verifyClientDeviceIdentity(caller, pem).value());
        return ApiResponse.ok(response);
    }

    /**
     * The {@code clientDeviceThingName} of a VerifyClientDeviceIoTCertificateAssociation body, as sent, for its
     * authorization before the body is validated; empty when the body does not hold one.
     */
    static String clientDeviceThingName(byte[] body) {
        try {
            String name = JsonBody.parse(ServiceFamily.GREENGRASS, body).string("clientDeviceThingName");
            return name == null ? "" : name;
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** {@code POST /greengrass/v2/clientDevices/verifyAssociation}. */
    public ApiResponse verifyClientDeviceAssociation(ApiRequest request, DataPlaneCaller caller) {
        Violations violations = new Violations(ServiceFamily.GREENGRASS);
        JsonBody body = JsonBody.parse(ServiceFamily.GREENGRASS, request.body());
        String thing = violations.required("clientDeviceThingName", body.string("clientDeviceThingName"), value -> {
            Constraints.length(value, 1, 128);
            return value;
        });
        CertificateId id = violations.required("clientDeviceCertificateId", body.string("clientDeviceCertificateId"),
                CertificateId::of);
        violations.throwIfAny();
        dataPlane.verifyClientDeviceAssociation(caller, ThingName.parse(thing)
                .orElseThrow(() -> CoreSideService.notAttached(thing, id)), id);
        return ApiResponse.ok(Json.object());
    }
}
