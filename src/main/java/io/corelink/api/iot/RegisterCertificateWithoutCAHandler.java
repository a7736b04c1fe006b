package io.corelink.api.iot;

import io.corelink.domain.validation.Constraints;
import io.corelink.domain.certificate.Certificate;
import io.corelink.domain.certificate.CertificateStatus;
import io.corelink.service.CertificateService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import io.corelink.wire.json.JsonBody;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /certificate/register-no-ca}: registers a device-made certificate of any issuer, {@code INACTIVE}
 * unless {@code status} says otherwise.
 */
public final class RegisterCertificateWithoutCAHandler implements Operation {
    private final CertificateService certificates;

    public RegisterCertificateWithoutCAHandler(CertificateService certificates) {
        this.certificates = certificates;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        JsonBody body = JsonBody.parse(ServiceFamily.IOT, request.body());
        String pem = violations.required("certificatePem", body.string("certificatePem"), value -> {
            Constraints.length(value, 1, 65536);
            return value;
        });
        CertificateStatus status = violations.optional("status", body.string("status"), CertificateStatus::of);
        violations.throwIfAny();
        Certificate certificate = certificates.register(pem, status);
        ObjectNode response = Json.object();
        response.put("certificateArn", certificates.arnOf(certificate.id()));
        response.put("certificateId", certificate.id().value());
        return ApiResponse.ok(response);
    }
}
