package io.corelink.api.iot;

import io.corelink.api.paging.Paging;
import io.corelink.domain.certificate.CertificatePosition;
import io.corelink.domain.certificate.Certificate;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.service.CertificateService;
import io.corelink.service.Page;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import io.corelink.wire.paging.PageTokens;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /certificates?pageSize=N&marker=M&isAscendingOrder=B}: by creation date, newest first unless ascending;
 * {@code pageSize} 1..250 (default 25); {@code nextMarker} only when more follow.
 */
public final class ListCertificatesHandler implements Operation {
    static final int DEFAULT_PAGE = 25;
    private final CertificateService certificates;
    private final PageTokens tokens;

    public ListCertificatesHandler(CertificateService certificates, PageTokens tokens) {
        this.certificates = certificates;
        this.tokens = tokens;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        Violations violations = new Violations(ServiceFamily.IOT);
        Integer pageSize = violations.integer("pageSize", request.query().first("pageSize"), 1, 250);
        boolean ascending = Boolean.TRUE.equals(violations.bool("isAscendingOrder",
                request.query().first("isAscendingOrder")));
        String scope = "ListCertificates\u0000" + ascending;
        String marker = request.query().first("marker");
        CertificatePosition after = violations.pageToken(tokens, "marker", scope, marker,
                sealed -> position(sealed).orElse(null));
        violations.throwIfAny();
        Page<Certificate> page = certificates.list(ascending, after, pageSize == null ? DEFAULT_PAGE : pageSize);
        ObjectNode response = Json.object();
        ArrayNode items = response.putArray("certificates");
        page.items().forEach(c -> items.add(CertificateJson.listed(c, certificates)));
        Paging.addNextToken(response, "nextMarker", tokens, scope, page,
                last -> last.createdAt().toEpochMilli() + "/" + last.id().value());
        return ApiResponse.ok(response);
    }

    private static Optional<CertificatePosition> position(String sealed) {
        int slash = sealed.indexOf('/');
        try {
            return Optional.of(new CertificatePosition(
                    Instant.ofEpochMilli(Long.parseLong(sealed.substring(0, slash))),
                    CertificateId.of(sealed.substring(slash + 1))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
