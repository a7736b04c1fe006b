package io.corelink.wire.pipeline;

import io.corelink.wire.http.Permission;
import org.jspecify.annotations.Nullable;
import io.corelink.wire.error.AwsError;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.error.ServiceFamily;
import java.io.IOException;
import org.eclipse.jetty.server.Request;

/**
 * What differs between the control plane and the data plane: how a request is routed and authenticated, and which
 * shape answers it when the store is unavailable. Everything else (authorization, limits, running, rendering,
 * recording) is the {@link RequestPipeline}'s, the same for both.
 */
public interface Plane {
    /** {@code control} or {@code data}, for logs and metrics. */
    String name();

    /** The error vocabulary used before a request is routed. */
    ServiceFamily defaultFamily();

    /**
     * Routes and authenticates the request, filling in {@code call}'s family, operation and principal.
     *
     * @return what to run once the request is admitted, or null when the connection is to be closed without an
     *     answer (the data plane's answer to a certificate that is not {@code ACTIVE})
     * @throws AwsException (or a domain exception) to refuse the request with that error
     * @throws IOException when the body cannot be read
     */
    @Nullable Invocation accept(Request request, Call call) throws IOException;

    /**
     * The answer to a request that a {@link Stage} refused: by default the service's 403
     * {@code AccessDeniedException}; a plane whose AWS counterpart answers some operation otherwise returns that.
     *
     * @throws AwsException the refusal, when it is an AWS error shape
     */
    default ApiResponse refusal(Call call, AccessRefused refused) {
        Permission permission = call.permission();
        String message = refused.clientMessage();
        if (message != null) {
            throw new AwsException(AwsError.AccessDeniedException, message);
        }
        throw new AwsException(AwsError.AccessDeniedException, permission == null ? "Access denied"
                : "Not authorized to perform " + permission.action() + " on resource " + permission.resource());
    }

    /**
     * The answer to a request over its rate limit (operations.md §1), at once and in the service's shape: Greengrass
     * 429 {@code ThrottlingException} with {@code Retry-After}, IoT 400 {@code ThrottlingException}, IAM and STS 400
     * {@code Throttling}; every AWS SDK retries these by itself.
     *
     * @throws AwsException the throttle, when it is an AWS error shape
     */
    default ApiResponse throttled(Call call, RateLimited limited) {
        throw switch (call.family()) {
            case GREENGRASS -> new AwsException(AwsError.GreengrassThrottlingException, RATE_EXCEEDED,
                    java.util.Map.of("serviceCode", "greengrass")).withRetryAfter(limited.retryAfterSeconds());
            case IOT -> new AwsException(AwsError.IotThrottlingException, RATE_EXCEEDED);
            case IAM, STS -> new AwsException(AwsError.QueryThrottling, RATE_EXCEEDED);
        };
    }

    /** AWS's words for a throttled request. */
    String RATE_EXCEEDED = "Rate exceeded";

    /** The service's retryable answer while the store cannot be reached. */
    AwsException unavailable(Call call);

    /** Greengrass's retryable answer while the store cannot be reached: 500, with {@code Retry-After}. */
    static AwsException greengrassUnavailable(Call call) {
        return new AwsException(AwsError.InternalServerException,
                "The service cannot reach its store. Retry later. Request id " + call.requestId() + ".");
    }
}
