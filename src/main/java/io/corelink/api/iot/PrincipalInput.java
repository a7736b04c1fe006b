package io.corelink.api.iot;

import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.Violations;

/** The {@code x-amzn-principal} header, required by the principal operations. */
final class PrincipalInput {
    static final String HEADER = "x-amzn-principal";

    private PrincipalInput() {
    }

    static String principal(Violations violations, ApiRequest request) {
        return violations.required("principal", request.header(HEADER), value -> value);
    }
}
