package io.corelink.api.iot;

import io.corelink.domain.certificate.CertificateId;
import io.corelink.service.CertificateService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;

/**
 * {@code DELETE /certificates/{certificateId}?forceDelete=B}: 406 {@code CertificateStateException} for an ACTIVE
 * certificate (checked first), 409 {@code DeleteConflictException} for one still attached to a thing.
 */
public final class DeleteCertificateHandler implements Operation {
    private final CertificateService certificates;

    public DeleteCertificateHandler(CertificateService certificates) {
        this.certificates = certificates;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        CertificateId id = CertificateJson.certificateId(violations, request);
        Boolean forceDelete = violations.bool("forceDelete", request.query().first("forceDelete"));
        violations.throwIfAny();
        certificates.delete(id, Boolean.TRUE.equals(forceDelete));
        return ApiResponse.ok(Json.object());
    }
}
