package io.corelink.api.iot;

import io.corelink.domain.certificate.CertificateId;
import io.corelink.service.CertificateService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /certificates/{certificateId}}: DescribeCertificate. */
public final class DescribeCertificateHandler implements Operation {
    private final CertificateService certificates;

    public DescribeCertificateHandler(CertificateService certificates) {
        this.certificates = certificates;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        CertificateId id = CertificateJson.certificateId(violations, request);
        violations.throwIfAny();
        ObjectNode response = Json.object();
        response.set("certificateDescription", CertificateJson.description(certificates.describe(id), certificates));
        return ApiResponse.ok(response);
    }
}
