package io.corelink.wire.pipeline;

import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.QueryParameters;
import io.corelink.wire.http.RequestBody;
import io.corelink.wire.http.Route;
import io.corelink.wire.http.Router;
import io.corelink.wire.http.QueryXml;
import io.corelink.wire.http.ResponseWriter;
import io.corelink.wire.query.QueryRequest;
import io.corelink.wire.query.QueryRoute;
import io.corelink.wire.query.QueryRouter;
import io.corelink.wire.sigv4.AuthorizationHeader;
import io.corelink.wire.sigv4.SigV4Verifier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;
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
 * {@code application/x-amz-json-1.1} or no content type, as control-plane.md §1; anything else is 415), and the
 * AWS query protocol of IAM and STS on {@code POST /} (access-control.md §4). Routing records the permission the
 * call needs on the {@link Call}, for the authorizing stage.
 * A few operations are served without a signature (health and readiness, also for {@code HEAD}).
 */
public final class ControlPlane implements Plane {
    private static final byte[] NO_BODY = new byte[0];
    private static final Set<String> JSON_TYPES = Set.of("application/json", "application/x-amz-json-1.1");

    private static final String FORM_TYPE = "application/x-www-form-urlencoded";

    private final Router router;
    private final QueryRouter queries;
    private final SigV4Verifier verifier;
    private final Map<String, Operation> unauthenticated;

    /** @param unauthenticated operations served without a signature, by "METHOD path" ({@code HEAD} follows GET) */
    public ControlPlane(Router router, QueryRouter queries, SigV4Verifier verifier,
                        Map<String, Operation> unauthenticated) {
        this.router = router;
        this.queries = queries;
        this.verifier = verifier;
        this.unauthenticated = Map.copyOf(unauthenticated);
    }

    public ControlPlane(Router router, SigV4Verifier verifier, Map<String, Operation> unauthenticated) {
        this(router, new QueryRouter(List.of()), verifier, unauthenticated);
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
        Map<String, List<String>> headers = headers(request);
        if (match != null) {
            call.operation(match.route().operationName()); // known before authentication, for the log and audit
        }
        if (anyRoute != null) {
            call.family(anyRoute.family());
        } else if (isQuery(method, rawPath, rawQuery)) {
            return acceptQuery(request, call, headers);
        }
        QueryParameters query = query(call.family(), rawQuery);
        call.claimedKeyId(AuthorizationHeader.accessKeyIdOf(first(headers, "authorization")));
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
        if (!route.acceptsSigningName(caller.service())) {
            throw new AwsException(AwsError.InvalidSignatureException,
                    "Credential should be scoped to correct service: '" + route.family().signingName() + "'. ");
        }
        // Corelink's own endpoints read any body as JSON: `curl -d @rules.json` sends a form type.
        if (!route.isCorelinks()) {
            requireJson(body, request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        }
        ApiRequest apiRequest = new ApiRequest(call.requestId(), method, rawPath, rawQuery, headers, body,
                match.labels(), query);
        call.permission(route.permission().apply(apiRequest));
        call.requestParameters(checked -> RequestParameters.json(apiRequest, checked));
        return () -> route.operation().handle(apiRequest);
    }

    /**
     * A request of the AWS query protocol ({@code POST /} with a form body): IAM or STS, told apart by the credential
     * scope's service, which is read before the signature is verified only to choose the error vocabulary.
     */
    private Invocation acceptQuery(Request request, Call call, Map<String, List<String>> headers) throws IOException {
        ServiceFamily family = "sts".equals(AuthorizationHeader.scopeServiceOf(first(headers, "authorization")))
                ? ServiceFamily.STS : ServiceFamily.IAM;
        call.family(family);
        call.claimedKeyId(AuthorizationHeader.accessKeyIdOf(first(headers, "authorization")));
        String method = request.getMethod();
        String rawPath = request.getHttpURI().getPath();
        String rawQuery = request.getHttpURI().getQuery();
        SigV4Verifier.HeaderChecked signature = verifier.checkHeaders(new SignedRequest(method, rawPath, rawQuery,
                headers, NO_BODY));
        byte[] body = RequestBody.read(request);
        String claimedAction = actionOf(rawQuery, body);
        if (claimedAction != null) {
            call.operation(claimedAction); // known before authentication, for the log and audit
        }
        VerifiedCaller caller = signature.verify(new SignedRequest(method, rawPath, rawQuery, headers, body));
        call.principal(caller.accessKeyId());
        if (!family.acceptsSigningName(caller.service())) {
            throw new AwsException(AwsError.InvalidSignatureException,
                    "Credential should be scoped to correct service: '" + family.signingName() + "'. ");
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (body.length > 0 && (contentType == null || !FORM_TYPE.equals(mediaType(contentType)))) {
            throw new AwsException(AwsError.UnsupportedMediaTypeException, "Unsupported Media Type");
        }
        QueryRequest query = QueryRouter.request(call.requestId(), family, caller.accessKeyId(), rawQuery, body);
        QueryRoute route = queries.find(family, query.action());
        if (route == null) {
            throw new AwsException(AwsError.InvalidAction, "Could not find operation " + query.action()
                    + " for version " + query.string("Version"));
        }
        call.operation(route.action());
        call.permission(route.permission().apply(query));
        call.requestParameters(checked -> RequestParameters.json(query));
        return () -> {
            ObjectNode result = route.operation().handle(query);
            return ApiResponse.ok(new ResponseWriter.XmlBody(QueryXml.response(family, route.action(), result,
                    call.requestId())));
        };
    }

    private static final java.util.regex.Pattern ACTION = java.util.regex.Pattern.compile(
            "(?:^|&)Action=([A-Za-z0-9]{1,128})(?:&|$)");

    /** The action a query request names, read leniently before it is authenticated; null when it names none. */
    private static @Nullable String actionOf(@Nullable String rawQuery, byte[] body) {
        for (String form : new String[] {new String(body, java.nio.charset.StandardCharsets.ISO_8859_1), rawQuery}) {
            java.util.regex.Matcher matcher = form == null ? null : ACTION.matcher(form);
            if (matcher != null && matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }

    /** The query protocol: {@code POST /} with a form body, or {@code GET /?Action=…}. */
    private static boolean isQuery(String method, String rawPath, @Nullable String rawQuery) {
        return "/".equals(rawPath) && ("POST".equals(method)
                || "GET".equals(method) && rawQuery != null && rawQuery.contains("Action="));
    }

    private static @Nullable String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String mediaType(String contentType) {
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public AwsException unavailable(Call call) {
        if (call.family().isQuery()) {
            return new AwsException(AwsError.ServiceUnavailableException, "Service is unavailable. Retry later.");
        }
        return call.family() == ServiceFamily.IOT
                ? new AwsException(AwsError.ServiceUnavailableException, "Service is unavailable. Retry later.")
                : Plane.greengrassUnavailable(call);
    }

    private static void requireJson(byte[] body, String contentType) {
        if (body.length == 0 || contentType == null) {
            return;
        }
        if (!JSON_TYPES.contains(mediaType(contentType))) {
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
