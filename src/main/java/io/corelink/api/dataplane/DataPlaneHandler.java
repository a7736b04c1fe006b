package io.corelink.api.dataplane;

import io.corelink.domain.Account;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.discovery.DataPlaneCaller;
import io.corelink.domain.error.DomainException;
import io.corelink.service.DataPlaneService;
import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.error.DomainErrors;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.PathTemplate;
import io.corelink.wire.http.PercentCodec;
import io.corelink.wire.http.QueryParameters;
import io.corelink.wire.http.RequestBody;
import io.corelink.wire.http.RequestIds;
import io.corelink.wire.http.ResponseWriter;
import io.corelink.wire.http.SafeLog;
import io.corelink.wire.tls.RegistryClientTrustManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler of every mutual-TLS listener. The TLS handshake already refused certificates that are not
 * {@code ACTIVE}; each request checks again (a certificate may be deactivated while its connection stays open) and
 * closes the connection without an HTTP response when it no longer is.
 */
public final class DataPlaneHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(DataPlaneHandler.class);

    private record Route(String method, PathTemplate template, String name, DataPlaneOperation operation) {
    }

    private static final String CERTIFICATE_ID = "io.corelink.certificateId";
    private final DataPlaneService dataPlane;
    private final List<Route> routes = new ArrayList<>();

    public DataPlaneHandler(DataPlaneService dataPlane, Account account) {
        this.dataPlane = dataPlane;
        CoreSideOperations coreSide = new CoreSideOperations(dataPlane);
        route("GET", "/greengrass/discover/thing/{thingName}", "Discover", new DiscoverOperation(dataPlane, account));
        route("PUT", "/greengrass/v2/coreDevices/{coreDeviceThingName}/certificateAuthorities",
                "PutCertificateAuthorities", coreSide::putCertificateAuthorities);
        route("GET", "/greengrass/things/{thingName}/connectivityInfo", "GetConnectivityInfo",
                coreSide::getConnectivityInfo);
        route("PUT", "/greengrass/things/{thingName}/connectivityInfo", "UpdateConnectivityInfo",
                coreSide::updateConnectivityInfo);
        route("POST", "/greengrass/v2/clientDevices/verifyIdentity", "VerifyClientDeviceIdentity",
                coreSide::verifyClientDeviceIdentity);
        route("POST", "/greengrass/v2/clientDevices/verifyAssociation", "VerifyClientDeviceIoTCertificateAssociation",
                coreSide::verifyClientDeviceAssociation);
    }

    private void route(String method, String template, String name, DataPlaneOperation operation) {
        routes.add(new Route(method, PathTemplate.of(template), name, operation));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = RequestIds.next();
        Optional<DataPlaneCaller> caller = caller(request);
        if (caller.isEmpty()) {
            abort(request, callback);
            return true;
        }
        String name = "-";
        try {
            dataPlane.recordCall(caller.get());
            String rawPath = request.getHttpURI().getPath();
            List<String> segments = new ArrayList<>();
            for (String raw : PathTemplate.split(rawPath)) {
                segments.add(PercentCodec.decode(raw));
            }
            for (Route route : routes) {
                Map<String, String> labels = route.method().equals(request.getMethod())
                        ? route.template().match(segments) : null;
                if (labels != null) {
                    name = route.name();
                    ApiRequest apiRequest = new ApiRequest(requestId, request.getMethod(), rawPath,
                            request.getHttpURI().getQuery(), Map.of(), RequestBody.read(request), labels,
                            QueryParameters.parse(request.getHttpURI().getQuery()));
                    ApiResponse answer = route.operation().handle(apiRequest, caller.get());
                    ResponseWriter.success(response, requestId, answer, callback);
                    return true;
                }
            }
            throw new AwsException(AwsError.UnknownOperationException, "No operation matches this request");
        } catch (AwsException e) {
            ResponseWriter.error(response, requestId, e, callback);
        } catch (DomainException e) {
            ResponseWriter.error(response, requestId, DomainErrors.toAws(ServiceFamily.GREENGRASS, e), callback);
        } catch (IllegalArgumentException e) {
            ResponseWriter.error(response, requestId, AwsException.cannotParse(ServiceFamily.GREENGRASS,
                    "The request could not be parsed"), callback);
        } catch (RuntimeException | IOException e) {
            LOG.error("data-plane request {} ({}) failed: {}", requestId, name, SafeLog.describe(e));
            ResponseWriter.error(response, requestId, new AwsException(AwsError.InternalServerException,
                    "An internal error occurred. Request id " + requestId + "."), callback);
        }
        return true;
    }

    private Optional<DataPlaneCaller> caller(Request request) {
        Object session = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
        if (!(session instanceof EndPoint.SslSessionData data) || data.peerCertificates() == null
                || data.peerCertificates().length == 0) {
            return Optional.empty();
        }
        return dataPlane.authenticate(certificateId(data));
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

    /** Closes the connection without an answer, as AWS does for a certificate that is not active. */
    private static void abort(Request request, Callback callback) {
        request.getConnectionMetaData().getConnection().getEndPoint().close();
        callback.failed(new EofException("certificate not active"));
    }
}
