package io.corelink.wire.pipeline;

import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.QueryParameters;
import io.corelink.wire.http.RequestBody;
import io.corelink.wire.http.Route;
import io.corelink.wire.http.Router;
import io.corelink.wire.sigv4.SigV4Verifier;
import io.corelink.wire.sigv4.SignedRequest;
import io.corelink.wire.sigv4.VerifiedCaller;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The control plane's routing and authentication: AWS REST-JSON routes on the raw path, SigV4 in the
 * {@code Authorization} header (a request without one is refused before its body is read), the credential scope's
 * service checked against the route, and JSON bodies only ({@code application/json},
 * {@code application/x-amz-json-1.1} or no content type, as control-plane.md §1; anything else is 415).
 * A few operations are served without a signature (health and readiness, also for {@code HEAD}).
 */
public final class ControlPlane implements Plane {
    private static final byte[] NO_BODY = new byte[0];
    private static final Set<String> JSON_TYPES = Set.of("application/json", "application/x-amz-json-1.1");

    private final Router router;
    private final SigV4Verifier verifier;
    private final Map<String, Operation> unauthenticated;

    /** @param unauthenticated operations served without a signature, by "METHOD path" ({@code HEAD} follows GET) */
    public ControlPlane(Router router, SigV4Verifier verifier, Map<String, Operation> unauthenticated) {
        this.router = router;
        this.verifier = verifier;
        this.unauthenticated = Map.copyOf(unauthenticated);
    }

    @Override
    public String name() {
        return "control";
    }

    @Override
    public ServiceFamily defaultFamily() {
        return ServiceFamily.GREENGRASS;
    }

    @Override
    public Invocation accept(Request request, Call call) throws IOException {
        String method = request.getMethod();
        String rawPath = request.getHttpURI().getPath();
        String rawQuery = request.getHttpURI().getQuery();
        Operation open = unauthenticated.get(("HEAD".equals(method) ? "GET" : method) + " " + rawPath);
        if (open != null) {
            call.operation(rawPath.substring(rawPath.lastIndexOf('/') + 1));
            ApiRequest health = new ApiRequest(call.requestId(), method, rawPath, rawQuery, Map.of(), new byte[0],
                    Map.of(), QueryParameters.EMPTY);
            return () -> open.handle(health);
        }
        // Routed once, before authentication, only to choose the error vocabulary; a route is used only afterwards.
        Router.Match match = router.find(method, rawPath);
        Route anyRoute = match != null ? match.route() : router.anyForPath(rawPath);
        if (anyRoute != null) {
            call.family(anyRoute.family());
        }
        Map<String, List<String>> headers = headers(request);
        QueryParameters query = query(call.family(), rawQuery);
        // Everything but the signature is checked before the body is read: a client without a valid key cannot
        // hold a thread by sending a body slowly.
        SigV4Verifier.HeaderChecked signature = verifier.checkHeaders(new SignedRequest(method, rawPath, rawQuery,
                headers, NO_BODY));
        byte[] body = RequestBody.read(request);
        VerifiedCaller caller = signature.verify(new SignedRequest(method, rawPath, rawQuery, headers, body));
        call.principal(caller.accessKeyId());
        if (match == null) {
            throw new AwsException(AwsError.UnknownOperationException,
                    "No operation matches " + method + " " + (anyRoute == null ? "this path" : "this resource"));
        }
        Route route = match.route();
        call.operation(route.operationName());
        call.family(route.family());
        if (!route.family().acceptsSigningName(caller.service())) {
            throw new AwsException(AwsError.InvalidSignatureException,
                    "Credential should be scoped to correct service: '" + route.family().signingName() + "'. ");
        }
        requireJson(body, request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        ApiRequest apiRequest = new ApiRequest(call.requestId(), method, rawPath, rawQuery, headers, body,
                match.labels(), query);
        return () -> route.operation().handle(apiRequest);
    }

    @Override
    public AwsException unavailable(Call call) {
        return call.family() == ServiceFamily.IOT
                ? new AwsException(AwsError.ServiceUnavailableException, "Service is unavailable. Retry later.")
                : Plane.greengrassUnavailable(call);
    }

    private static void requireJson(byte[] body, String contentType) {
        if (body.length == 0 || contentType == null) {
            return;
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip()
                .toLowerCase(Locale.ROOT);
        if (!JSON_TYPES.contains(type)) {
            throw new AwsException(AwsError.UnsupportedMediaTypeException, "Unsupported Media Type");
        }
    }

    private static QueryParameters query(ServiceFamily family, String rawQuery) {
        try {
            return QueryParameters.parse(rawQuery);
        } catch (IllegalArgumentException e) {
            throw AwsException.cannotParse(family, "Could not parse the query string: malformed percent-encoding");
        }
    }

    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>(1)).add(field.getValue());
        }
        return headers;
    }
}
