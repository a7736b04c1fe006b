package io.corelink.api.iot;

import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.Operation;
import io.corelink.wire.http.Violations;
import io.corelink.wire.json.Json;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /endpoint}: DescribeEndpoint, which scripts and SDK samples call first to learn where devices connect.
 * Every endpoint type AWS documents answers with the data plane's host name, a host without a port as AWS's
 * {@code endpointAddress} is ({@code iot:Data-ATS}, {@code iot:Data}: the data plane itself; {@code
 * iot:CredentialProvider}, {@code iot:Jobs}: Corelink serves neither, and the same host is the honest nearest
 * answer). Without {@code endpointType} the type is {@code iot:Data}, as in AWS IoT.
 *
 * <p>The host is the first {@code --data-plane-host}, else {@code --host}; when that is a wildcard address (which no
 * device can connect to) it is the host the caller used to reach this server ({@code Host}).
 *
 * <p>Fails with {@code InvalidRequestException} for a type AWS does not know, as AWS IoT does.
 */
public final class DescribeEndpointHandler implements Operation {
    static final Set<String> ENDPOINT_TYPES = Set.of("iot:Data", "iot:Data-ATS", "iot:CredentialProvider",
            "iot:Jobs");
    private final @Nullable String configuredHost;

    /** @param configuredHost the data plane's host name, or null when only the caller's {@code Host} can tell */
    public DescribeEndpointHandler(@Nullable String configuredHost) {
        this.configuredHost = configuredHost;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        String type = request.query().first("endpointType");
        if (type != null && !ENDPOINT_TYPES.contains(type)) {
            Violations violations = new Violations(ServiceFamily.IOT);
            violations.add("endpointType", "must be one of iot:Data, iot:Data-ATS, iot:CredentialProvider or "
                    + "iot:Jobs", type);
            violations.throwIfAny();
        }
        ObjectNode response = Json.object();
        response.put("endpointAddress", configuredHost != null ? configuredHost : requestedHost(request));
        return ApiResponse.ok(response);
    }

    /**
     * The host part of {@code Host}, an IPv6 address in brackets so that a client may append {@code :port}
     * ({@code [::1]:8080} and {@code ::1} give {@code [::1]}), or {@code localhost} without one.
     */
    static String requestedHost(ApiRequest request) {
        String host = request.header("host");
        if (host == null || host.isBlank()) {
            return "localhost";
        }
        host = host.strip();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 1 ? host.substring(0, end + 1) : "localhost";
        }
        int colon = host.indexOf(':');
        if (colon < 0) {
            return host;
        }
        if (host.indexOf(':', colon + 1) >= 0) {
            return "[" + host + "]"; // a bare IPv6 address: more than one colon, no port
        }
        return colon == 0 ? "localhost" : host.substring(0, colon);
    }
}
