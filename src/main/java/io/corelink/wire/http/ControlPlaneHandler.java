package io.corelink.wire.http;

import io.corelink.domain.error.DomainException;
import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.error.DomainErrors;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.sigv4.SigV4Verifier;
import io.corelink.wire.sigv4.SignedRequest;
import io.corelink.wire.sigv4.VerifiedCaller;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's one Jetty handler: reads the body (at most 1 MiB), authenticates with SigV4, routes on the raw
 * path, checks that the credential scope's service belongs to the route, runs the operation and renders its answer or
 * its error. Client mistakes never become a 500, and no fault detail reaches the client.
 */
public final class ControlPlaneHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneHandler.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("corelink.access");

    private final Router router;
    private final SigV4Verifier verifier;
    private final Map<String, Operation> unauthenticated;

    /**
     * @param unauthenticated operations served without a signature, by "METHOD path" (the health check)
     */
    public ControlPlaneHandler(Router router, SigV4Verifier verifier, Map<String, Operation> unauthenticated) {
        this.router = router;
        this.verifier = verifier;
        this.unauthenticated = Map.copyOf(unauthenticated);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long started = System.nanoTime();
        String requestId = RequestIds.next();
        String method = request.getMethod();
        String rawPath = request.getHttpURI().getPath();
        String rawQuery = request.getHttpURI().getQuery();
        Operation open = unauthenticated.get(method + " " + rawPath);
        // Routed once, before authentication, only to choose the error vocabulary; a route is used only afterwards.
        Router.Match match = router.find(method, rawPath);
        Route anyRoute = match != null ? match.route() : router.anyForPath(rawPath);
        ServiceFamily family = anyRoute == null ? ServiceFamily.GREENGRASS : anyRoute.family();
        String operationName = "-";
        int status;
        try {
            Map<String, List<String>> headers = headers(request);
            if (open != null) {
                ApiResponse answer = open.handle(new ApiRequest(requestId, method, rawPath, rawQuery, headers,
                        new byte[0], Map.of(), QueryParameters.EMPTY));
                ResponseWriter.success(response, requestId, answer, callback);
                return true;
            }
            byte[] body = RequestBody.read(request);
            QueryParameters query = query(family, rawQuery);
            VerifiedCaller caller = verifier.verify(new SignedRequest(method, rawPath, rawQuery, headers, body));
            if (match == null) {
                throw new AwsException(AwsError.UnknownOperationException,
                        "No operation matches " + method + " " + (anyRoute == null ? "this path" : "this resource"));
            }
            Route route = match.route();
            operationName = route.operationName();
            family = route.family();
            if (!family.acceptsSigningName(caller.service())) {
                throw new AwsException(AwsError.InvalidSignatureException,
                        "Credential should be scoped to correct service: '" + family.signingName() + "'. ");
            }
            ApiRequest apiRequest = new ApiRequest(requestId, method, rawPath, rawQuery, headers, body,
                    match.labels(), query);
            ApiResponse answer = route.operation().handle(apiRequest);
            status = answer.status();
            ResponseWriter.success(response, requestId, answer, callback);
        } catch (AwsException e) {
            status = e.error().status();
            ResponseWriter.error(response, requestId, e, callback);
        } catch (DomainException e) {
            AwsException error = DomainErrors.toAws(family, e);
            status = error.error().status();
            ResponseWriter.error(response, requestId, error, callback);
        } catch (RuntimeException | IOException e) {
            LOG.error("request {} ({}) failed: {}", requestId, operationName, SafeLog.describe(e));
            AwsException error = new AwsException(family.internalError(),
                    "An internal error occurred. Request id " + requestId + ".");
            status = error.error().status();
            ResponseWriter.error(response, requestId, error, callback);
        }
        if (ACCESS.isDebugEnabled()) {
            ACCESS.debug("{} {} {} {} {} {}us", requestId, method, rawPath, operationName, status,
                    (System.nanoTime() - started) / 1000);
        }
        return true;
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
