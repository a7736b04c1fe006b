package io.corelink.api.iot;

import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.certificate.CertificateStatus;
import io.corelink.service.CertificateService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;

/** {@code PUT /certificates/{certificateId}?newStatus=S}: UpdateCertificate; idempotent. */
public final class UpdateCertificateHandler implements Operation {
    private final CertificateService certificates;

    public UpdateCertificateHandler(CertificateService certificates) {
        this.certificates = certificates;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        CertificateId id = CertificateJson.certificateId(violations, request);
        CertificateStatus status = violations.required("newStatus", request.query().first("newStatus"),
                CertificateStatus::of);
        violations.throwIfAny();
        certificates.updateStatus(id, status);
        return ApiResponse.ok(Json.object());
    }
}
