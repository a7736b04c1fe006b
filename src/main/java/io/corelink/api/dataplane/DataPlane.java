package io.corelink.api.dataplane;

import io.corelink.wire.http.Permission;
import org.jspecify.annotations.Nullable;
import io.corelink.domain.Account;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.discovery.DataPlaneCaller;
import io.corelink.service.CoreSideService;
import io.corelink.service.DataPlaneCallers;
import io.corelink.service.DiscoveryService;
import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.PathTemplate;
import io.corelink.wire.http.PercentCodec;
import io.corelink.wire.http.QueryParameters;
import io.corelink.wire.http.RequestBody;
import io.corelink.wire.pipeline.AccessRefused;
import io.corelink.wire.pipeline.RateLimited;
import io.corelink.wire.pipeline.Call;
import io.corelink.wire.pipeline.Invocation;
import io.corelink.wire.pipeline.Plane;
import io.corelink.wire.tls.RegistryClientTrustManager;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;

/**
 * The routing and authentication of every mutual-TLS listener. The TLS handshake already refused certificates that
 * are not {@code ACTIVE} or not valid; each request checks both again (a certificate may be deactivated, or expire,
 * while its connection stays open or its TLS session is resumed) and has the connection closed without an HTTP
 * response when it no longer passes, as AWS does.
 */
public final class DataPlane implements Plane {
    private record Route(String method, PathTemplate template, String name, DataPlaneOperation operation,
                         Needs needs) {
    }

    /** The resource a route's action is authorized on (access-control.md §3), from its labels, body and caller. */
    @FunctionalInterface
    private interface Needs {
        String resource(Map<String, String> labels, byte[] body, DataPlaneCaller caller);
    }

    private static final String CERTIFICATE_ID = "io.corelink.certificateId";
    private static final String DISCOVER = "Discover";
    private final DataPlaneCallers callers;
    private final Clock clock;
    private final Account account;
    private final List<Route> routes = new ArrayList<>();

    public DataPlane(DataPlaneCallers callers, DiscoveryService discovery, CoreSideService coreSideService,
                     Account account, Clock clock) {
        this.callers = callers;
        this.clock = clock;
        this.account = account;
        CoreSideOperations coreSide = new CoreSideOperations(coreSideService);
        route("GET", "/greengrass/discover/thing/{thingName}", DISCOVER, new DiscoverOperation(discovery, account),
                (labels, body, caller) -> account.thingArn(label(labels, "thingName")));
        route("PUT", "/greengrass/v2/coreDevices/{coreDeviceThingName}/certificateAuthorities",
                "PutCertificateAuthorities", coreSide::putCertificateAuthorities,
                (labels, body, caller) -> account.thingArn(label(labels, "coreDeviceThingName")));
        route("GET", "/greengrass/things/{thingName}/connectivityInfo", "GetConnectivityInfo",
                coreSide::getConnectivityInfo,
                (labels, body, caller) -> account.connectivityInfoArn(label(labels, "thingName")));
        route("PUT", "/greengrass/things/{thingName}/connectivityInfo", "UpdateConnectivityInfo",
                coreSide::updateConnectivityInfo,
                (labels, body, caller) -> account.connectivityInfoArn(label(labels, "thingName")));
        route("POST", "/greengrass/v2/clientDevices/verifyIdentity", "VerifyClientDeviceIdentity",
                coreSide::verifyClientDeviceIdentity, (labels, body, caller) -> callersCoreArn(caller));
        route("POST", "/greengrass/v2/clientDevices/verifyAssociation", "VerifyClientDeviceIoTCertificateAssociation",
                coreSide::verifyClientDeviceAssociation,
                (labels, body, caller) -> account.thingArn(CoreSideOperations.clientDeviceThingName(body)));
    }

    /** A label of the matched route: every label of its template is there. */
    private static String label(Map<String, String> labels, String name) {
        return java.util.Objects.requireNonNull(labels.get(name), name);
    }

    private void route(String method, String template, String name, DataPlaneOperation operation, Needs needs) {
        routes.add(new Route(method, PathTemplate.of(template), name, operation, needs));
    }

    /**
     * The resource of the two actions AWS's example policies grant on {@code *}: the caller's core device's thing ARN
     * (the first by name when its certificate is attached to several), so that a policy naming the core's ARN works.
     */
    private String callersCoreArn(DataPlaneCaller caller) {
        return caller.coreDevices().stream().sorted().findFirst().or(() -> caller.things().stream().sorted()
                .findFirst()).map(account::thingArn).orElse("*");
    }

    @Override
    public String name() {
        return "data";
    }

    @Override
    public ServiceFamily defaultFamily() {
        return ServiceFamily.GREENGRASS;
    }

    @Override
    public @Nullable Invocation accept(Request request, Call call) throws IOException {
        Object session = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
        if (!(session instanceof EndPoint.SslSessionData data) || data.peerCertificates() == null
                || data.peerCertificates().length == 0 || !isValidNow(data.peerCertificates()[0])) {
            return null;
        }
        CertificateId certificate = certificateId(data);
        call.principal(certificate.value());
        String rawPath = request.getHttpURI().getPath();
        List<String> segments = decodedSegments(rawPath);
        Route route = null;
        Map<String, String> labels = Map.of();
        for (Route candidate : routes) {
            Map<String, String> matched = segments != null && candidate.method().equals(request.getMethod())
                    ? candidate.template().match(segments) : null;
            if (matched != null) {
                route = candidate;
                labels = matched;
                call.operation(route.name());
                break;
            }
        }
        Optional<DataPlaneCaller> caller = callers.authenticate(certificate);
        if (caller.isEmpty()) {
            return null;
        }
        callers.recordCall(caller.get());
        if (segments == null) {
            throw AwsException.cannotParse(ServiceFamily.GREENGRASS, "The request path has a malformed percent-escape");
        }
        if (route == null) {
            throw new AwsException(AwsError.UnknownOperationException, "No operation matches this request");
        }
        QueryParameters query;
        try {
            query = QueryParameters.parse(request.getHttpURI().getQuery());
        } catch (IllegalArgumentException e) {
            throw AwsException.cannotParse(ServiceFamily.GREENGRASS, "The query string has a malformed percent-escape");
        }
        byte[] body = RequestBody.read(request);
        call.permission("greengrass:" + route.name(), route.needs().resource(labels, body, caller.get()));
        ApiRequest apiRequest = new ApiRequest(call.requestId(), request.getMethod(), rawPath,
                request.getHttpURI().getQuery(), Map.of(), body, labels, query);
        call.requestParameters(checked -> io.corelink.wire.pipeline.RequestParameters.json(apiRequest, checked));
        DataPlaneOperation operation = route.operation();
        return () -> operation.handle(apiRequest, caller.get());
    }

    /**
     * A refused Discover gets what AWS sends a device without {@code greengrass:Discover}: 403 with
     * {@code {"message":null,"traceId":…}}; the core-side calls get Greengrass's 403 {@code AccessDeniedException}.
     */
    @Override
    public ApiResponse refusal(Call call, AccessRefused refused) {
        if (DISCOVER.equals(call.operation())) {
            return DiscoverOperation.denied();
        }
        Permission permission = java.util.Objects.requireNonNull(call.permission());
        throw new AwsException(AwsError.AccessDeniedException, "The IoT policies of the calling certificate do not "
                + "allow " + permission.action() + " on " + permission.resource() + ".");
    }

    @Override
    public ApiResponse throttled(Call call, RateLimited limited) {
        if (DISCOVER.equals(call.operation())) {
            return DiscoverOperation.throttled();
        }
        return Plane.super.throttled(call, limited);
    }

    @Override
    public AwsException unavailable(Call call) {
        if (DISCOVER.equals(call.operation())) {
            return new AwsException(AwsError.ServiceUnavailableException, "Service is unavailable. Retry later.");
        }
        return Plane.greengrassUnavailable(call);
    }

    /** The path's segments, each percent-decoded once; null when one has a malformed escape. */
    private static @Nullable List<String> decodedSegments(String rawPath) {
        List<String> segments = new ArrayList<>();
        try {
            for (String raw : PathTemplate.split(rawPath)) {
                segments.add(PercentCodec.decode(raw));
            }
            return segments;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean isValidNow(X509Certificate certificate) {
        Date now = Date.from(clock.instant());
        return !now.before(certificate.getNotBefore()) && !now.after(certificate.getNotAfter());
    }

    /**
     * The id (SHA-256 of the DER) of the client's certificate, computed once per TLS session and kept in it: every
     * request on a kept-alive connection needs it, and the certificate cannot change within the session.
     */
    private static CertificateId certificateId(EndPoint.SslSessionData data) {
        SSLSession session = data.sslSession();
        Object known = session == null ? null : session.getValue(CERTIFICATE_ID);
        if (known instanceof CertificateId id) {
            return id;
        }
        CertificateId id = RegistryClientTrustManager.idOf(data.peerCertificates()[0]);
        if (session != null) {
            session.putValue(CERTIFICATE_ID, id);
        }
        return id;
    }
}
