package io.corelink.api.iot;

import io.corelink.domain.certificate.Certificate;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.service.CertificateService;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** Certificate input rules and responses with the member names of the IoT model. */
final class CertificateJson {
    private CertificateJson() {
    }

    static CertificateId certificateId(Violations violations, ApiRequest request) {
        return violations.required("certificateId", request.label("certificateId"), CertificateId::of);
    }

    /** A {@code CertificateDescription}. */
    static ObjectNode description(Certificate certificate, CertificateService certificates) {
        ObjectNode node = Json.object();
        node.put("certificateArn", certificates.arnOf(certificate.id()));
        node.put("certificateId", certificate.id().value());
        if (certificate.caCertificateId() != null) {
            node.put("caCertificateId", certificate.caCertificateId().value());
        }
        node.put("status", certificate.status().name());
        node.put("certificatePem", certificate.pem());
        node.put("ownedBy", certificates.account().accountId());
        node.put("creationDate", Json.timestamp(certificate.createdAt()));
        node.put("lastModifiedDate", Json.timestamp(certificate.lastModifiedAt()));
        node.put("customerVersion", certificate.customerVersion());
        node.putObject("transferData");
        node.put("generationId", certificate.generationId());
        ObjectNode validity = node.putObject("validity");
        validity.put("notBefore", Json.timestamp(certificate.notBefore()));
        validity.put("notAfter", Json.timestamp(certificate.notAfter()));
        node.put("certificateMode", "DEFAULT");
        return node;
    }

    /** A {@code Certificate} of ListCertificates. */
    static ObjectNode listed(Certificate certificate, CertificateService certificates) {
        ObjectNode node = Json.object();
        node.put("certificateArn", certificates.arnOf(certificate.id()));
        node.put("certificateId", certificate.id().value());
        node.put("status", certificate.status().name());
        node.put("certificateMode", "DEFAULT");
        node.put("creationDate", Json.timestamp(certificate.createdAt()));
        return node;
    }
}
