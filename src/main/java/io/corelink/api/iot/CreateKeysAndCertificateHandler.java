package io.corelink.api.iot;

import io.corelink.service.CertificateService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /keys-and-certificate?setAsActive=B}: an RSA 2048 key pair and a certificate signed by the Corelink
 * root CA. The private key is in this answer only; Corelink does not keep it.
 */
public final class CreateKeysAndCertificateHandler implements Operation {
    private final CertificateService certificates;

    public CreateKeysAndCertificateHandler(CertificateService certificates) {
        this.certificates = certificates;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        boolean active = Boolean.TRUE.equals(violations.bool("setAsActive", request.query().first("setAsActive")));
        violations.throwIfAny();
        CertificateService.IssuedCertificate issued = certificates.createKeysAndCertificate(active);
        ObjectNode response = Json.object();
        response.put("certificateArn", certificates.arnOf(issued.certificate().id()));
        response.put("certificateId", issued.certificate().id().value());
        response.put("certificatePem", issued.certificate().pem());
        ObjectNode keyPair = response.putObject("keyPair");
        keyPair.put("PublicKey", issued.publicKeyPem());
        keyPair.put("PrivateKey", issued.privateKeyPem());
        return ApiResponse.ok(response);
    }
}
