package io.corelink.api.iot;

import io.corelink.domain.certificate.Certificate;
import io.corelink.domain.validation.Constraints;
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
 * {@code POST /certificates?setAsActive=B} with {@code {"certificateSigningRequest": PEM}}: a certificate signed by
 * the Corelink root CA for the CSR's key; the private key never leaves the device. {@code INACTIVE} unless
 * {@code setAsActive}.
 */
public final class CreateCertificateFromCsrHandler implements Operation {
    private final CertificateService certificates;

    public CreateCertificateFromCsrHandler(CertificateService certificates) {
        this.certificates = certificates;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        boolean active = Boolean.TRUE.equals(violations.bool("setAsActive", request.query().first("setAsActive")));
        JsonBody body = JsonBody.parse(ServiceFamily.IOT, request.body());
        String csr = violations.required("certificateSigningRequest", body.string("certificateSigningRequest"),
                value -> {
                    Constraints.length(value, 1, 4096);
                    return value;
                });
        violations.throwIfAny();
        Certificate certificate = certificates.createFromCsr(csr, active);
        ObjectNode response = Json.object();
        response.put("certificateArn", certificates.arnOf(certificate.id()));
        response.put("certificateId", certificate.id().value());
        response.put("certificatePem", certificate.pem());
        return ApiResponse.ok(response);
    }
}
