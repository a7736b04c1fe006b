package io.corelink.wire.pipeline;

import io.corelink.domain.error.DomainException;
import io.corelink.store.StoreUnavailableException;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.error.DomainErrors;
import io.corelink.wire.http.ApiResponse;
import io.corelink.wire.http.RequestBody;
import io.corelink.wire.http.RequestIds;
import io.corelink.wire.http.ResponseWriter;
import io.corelink.wire.http.SafeLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one request path of both planes: route and authenticate (the {@link Plane}), admit (each {@link Stage}: authorize,
 * limit), run, render, record (each stage again: log, metrics, audit). Every outcome is rendered here and nowhere
 * else, with the same rules on both planes: a client's mistake is a 4xx of the service's vocabulary, a store that
 * cannot be reached is the service's retryable answer, and only a fault of Corelink's own is a 500 logged at ERROR.
 * No fault detail reaches a client.
 */
public final class RequestPipeline extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(RequestPipeline.class);

    private final Plane plane;
    private final List<Stage> stages;

    public RequestPipeline(Plane plane, List<Stage> stages) {
        this.plane = plane;
        this.stages = List.copyOf(stages);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Call call = new Call(RequestIds.next(), plane.name(), request.getMethod(), request.getHttpURI().getPath(),
                sourceIp(request), plane.defaultFamily(), System.nanoTime());
        call.secure(request.isSecure());
        call.userAgent(request.getHeaders().get(org.eclipse.jetty.http.HttpHeader.USER_AGENT));
        try {
            Invocation invocation = plane.accept(request, call);
            if (invocation == null) {
                call.authenticationFailed(true);
                call.failed(Call.CLOSED, null, "connection closed without an answer: the client certificate is "
                        + "not an ACTIVE, currently valid certificate of the registry");
                request.getConnectionMetaData().getConnection().getEndPoint().close();
                callback.failed(new EofException("closed without an answer"));
            } else {
                ApiResponse refused = admit(call);
                ApiResponse answer = refused != null ? refused : invocation.run();
                if (answer.refusal() != null) {
                    call.failed(answer.status(), null, answer.refusal());
                } else {
                    call.succeeded(answer.status());
                }
                ResponseWriter.success(response, call.requestId(), answer, callback);
            }
        } catch (ConnectionDropped e) {
            call.failed(Call.CLOSED, null, e.getMessage() == null ? "connection dropped" : e.getMessage());
            request.getConnectionMetaData().getConnection().getEndPoint().close();
            callback.failed(new EofException("closed without an answer"));
        } catch (AwsException e) {
            renderError(response, callback, call, e);
        } catch (DomainException e) {
            renderError(response, callback, call, DomainErrors.toAws(call.family(), e));
        } catch (StoreUnavailableException e) {
            LOG.warn("request {} ({}) could not reach the store: {}", call.requestId(), call.operation(),
                    e.getMessage());
            renderError(response, callback, call, plane.unavailable(call));
        } catch (RuntimeException | IOException e) {
            renderFault(response, callback, call, e);
        } finally {
            // Also after an Error: a stage may hold per-request state for this thread (the audit stage does).
            record(call);
        }
        return true;
    }

    /**
     * A malformed request (bad chunking, a bad percent-escape: Jetty's {@link HttpException}s and
     * {@link IllegalArgumentException}) is the client's fault and a 400; an {@link IOException} can only come from
     * reading the body (a client that went away, or let it time out) and gets no answer; only what remains is a fault
     * of Corelink's own, a 500 logged at ERROR. An {@code IllegalArgumentException} is logged at WARN too: it may also
     * be a mistake of ours that a client's input exposed.
     */
    private static void renderFault(Response response, Callback callback, Call call, Exception e) {
        if (e instanceof HttpException || e.getCause() instanceof HttpException) {
            renderError(response, callback, call, AwsException.cannotParse(call.family(),
                    "The request could not be parsed"));
        } else if (e instanceof IllegalArgumentException) {
            LOG.warn("request {} ({}) could not be parsed: {}", call.requestId(), call.operation(),
                    SafeLog.describe(e));
            renderError(response, callback, call, AwsException.cannotParse(call.family(),
                    "The request could not be parsed"));
        } else if (e instanceof IOException) {
            call.failed(Call.CLOSED, null, e instanceof RequestBody.DeadlinePassed
                    ? "the request's body did not arrive within its deadline"
                    : "the client closed the connection, or let it time out, before sending its whole request");
            callback.failed(e);
        } else {
            LOG.error("request {} ({}) failed: {}", call.requestId(), call.operation(), SafeLog.describe(e));
            renderError(response, callback, call, new AwsException(call.family().internalError(),
                    "An internal error occurred. Request id " + call.requestId() + "."));
        }
    }

    /**
     * Runs every stage's admission: null when all let the request through, else the plane's answer to the stage that
     * refused it (a denial, or a throttle); an AWS error shape the plane throws is rendered as any other. The stage's
     * reason becomes the call's, for the log.
     */
    private @Nullable ApiResponse admit(Call call) {
        try {
            for (Stage stage : stages) {
                stage.admit(call);
            }
            return null;
        } catch (AccessRefused refused) {
            call.refusedBecause(refused, refused.reason());
            return shaped(plane.refusal(call, refused), refused.reason());
        } catch (RateLimited limited) {
            call.refusedBecause(null, limited.reason());
            call.throttled(true);
            return shaped(plane.throttled(call, limited), limited.reason());
        }
    }

    private static ApiResponse shaped(ApiResponse answer, String reason) {
        return ApiResponse.refused(answer.status(), java.util.Objects.requireNonNull(answer.body()), reason);
    }

    private static void renderError(Response response, Callback callback, Call call, AwsException error) {
        String stageReason = call.stageReason();
        if (error.error().refusesCredentials()) {
            call.authenticationFailed(true);
        }
        call.clientMessage(error.getMessage());
        call.failed(error.error().status(),
                call.family().isQuery() ? error.error().queryCode() : error.error().shapeName(),
                stageReason != null ? stageReason : error.getMessage());
        ResponseWriter.error(response, call.requestId(), call.family(), error, callback);
    }

    private void record(Call call) {
        for (Stage stage : stages) {
            try {
                stage.record(call);
            } catch (RuntimeException e) {
                LOG.warn("recording request {} failed: {}", call.requestId(), SafeLog.describe(e));
            }
        }
    }

    private static String sourceIp(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : "-";
    }
}
