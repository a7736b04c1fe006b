package io.corelink.wire.pipeline;

import org.jspecify.annotations.Nullable;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.Permission;

/**
 * One request as it passes through the {@link RequestPipeline}: what is known of it when it arrives (id, plane,
 * method, path, source address), what routing and authentication learn (service family, operation, principal), and
 * how it ended (status, error code, a reason for the log). Stages read it; only the pipeline and its plane write it.
 * Never holds a body, a secret or a signature.
 */
public final class Call {
    /** The status recorded for a request answered by closing the connection, as the data plane does. */
    public static final int CLOSED = 0;

    private final String requestId;
    private final String plane;
    private final String method;
    private final String rawPath;
    private final String sourceIp;
    private final long startedNanos;
    private boolean secure;
    private ServiceFamily family;
    private String operation = "-";
    private String principal = "-";
    private @Nullable Permission permission;
    private @Nullable AccessRefused refusal;
    private @Nullable String stageReason;
    private int status;
    private @Nullable String errorCode;
    private @Nullable String reason;
    private @Nullable String clientMessage;
    private String userAgent = "-";
    private @Nullable String claimedKeyId;
    private boolean authenticationFailed;
    private boolean throttled;
    private RequestParametersSource requestParameters = bodyChecked -> "{}";

    Call(String requestId, String plane, String method, String rawPath, String sourceIp, ServiceFamily family,
         long startedNanos) {
        this.requestId = requestId;
        this.plane = plane;
        this.method = method;
        this.rawPath = rawPath;
        this.sourceIp = sourceIp;
        this.family = family;
        this.startedNanos = startedNanos;
    }

    public String requestId() {
        return requestId;
    }

    /** {@code control} or {@code data}. */
    public String plane() {
        return plane;
    }

    public String method() {
        return method;
    }

    public String rawPath() {
        return rawPath;
    }

    public String sourceIp() {
        return sourceIp;
    }

    public long startedNanos() {
        return startedNanos;
    }

    /** Whether the request came over TLS ({@code aws:SecureTransport}). */
    public boolean secure() {
        return secure;
    }

    void secure(boolean value) {
        secure = value;
    }

    /** The service whose error vocabulary answers this request. */
    public ServiceFamily family() {
        return family;
    }

    public void family(ServiceFamily value) {
        family = value;
    }

    /** The AWS operation name once routed ({@code "-"} before). */
    public String operation() {
        return operation;
    }

    public void operation(String value) {
        operation = value;
    }

    /** Who calls once authenticated: an access key id, or a certificate id ({@code "-"} before). */
    public String principal() {
        return principal;
    }

    public void principal(String value) {
        principal = value;
    }

    /** What routing found the request needs, or null before routing (or for a route that needs nothing). */
    public @Nullable Permission permission() {
        return permission;
    }

    public void permission(String action, String resource) {
        permission = new Permission(action, resource);
    }

    public void permission(Permission value) {
        permission = value;
    }

    /** Why an authorizing stage refused the request, or null when none did. */
    public @Nullable AccessRefused refusal() {
        return refusal;
    }

    /** Why a stage (authorization, a rate limit) turned the request away, for the log; null when none did. */
    public @Nullable String stageReason() {
        return stageReason;
    }

    void refusedBecause(@Nullable AccessRefused refused, String reason) {
        refusal = refused;
        stageReason = reason;
    }

    /** Marks the call as refused by a rate limit of {@code --rate-limit}. */
    void throttled(boolean value) {
        throttled = value;
    }

    /** Whether a rate limit refused the call (not an injected fault). */
    public boolean throttled() {
        return throttled;
    }

    /** The HTTP status answered, or {@link #CLOSED}. */
    public int status() {
        return status;
    }

    /** The AWS error code answered, or null for a success. */
    public @Nullable String errorCode() {
        return errorCode;
    }

    /** Why the request was refused or failed, in words for the log; null for a success. */
    public @Nullable String reason() {
        return reason;
    }

    void succeeded(int httpStatus) {
        status = httpStatus;
    }

    void failed(int httpStatus, @Nullable String code, String why) {
        status = httpStatus;
        errorCode = code;
        reason = why;
    }

    /** The client's {@code User-Agent}, cut to {@link #MAX_USER_AGENT} characters ({@code "-"} when none). */
    public String userAgent() {
        return userAgent;
    }

    static final int MAX_USER_AGENT = 1_024;

    void userAgent(@Nullable String value) {
        userAgent = value == null ? "-" : value.length() > MAX_USER_AGENT ? value.substring(0, MAX_USER_AGENT) : value;
    }

    /**
     * The access key id the request's signature names, whether or not the signature holds ({@link #principal} is
     * set only once it does); null when the request named none.
     */
    public @Nullable String claimedKeyId() {
        return claimedKeyId;
    }

    public void claimedKeyId(@Nullable String value) {
        claimedKeyId = value;
    }

    /**
     * Whether the caller presented credentials that did not authenticate it: a signature that does not hold, an
     * unknown or inactive key, a certificate that is not {@code ACTIVE}. A request that presented none is not one.
     */
    public boolean authenticationFailed() {
        return authenticationFailed;
    }

    void authenticationFailed(boolean value) {
        authenticationFailed = value;
    }

    /**
     * The request's parameters as the audit log shows them ({@code requestParameters}): path labels, query
     * parameters and the members of a JSON body, or the query protocol's parameters, as JSON text. Made anew on each
     * call, on demand: only a change, a denial or a failed authentication needs them.
     *
     * @param bodyChecked whether the operation parsed the body (it ran and changed something)
     */
    public String requestParameters(boolean bodyChecked) {
        return requestParameters.json(bodyChecked);
    }

    /** Makes a request's parameters as JSON text; see {@link #requestParameters}. */
    @FunctionalInterface
    public interface RequestParametersSource {
        String json(boolean bodyChecked);
    }

    public void requestParameters(RequestParametersSource value) {
        requestParameters = value;
    }

    /** The error message the client got, or null for a success or an answer that carries none. */
    public @Nullable String clientMessage() {
        return clientMessage;
    }

    void clientMessage(@Nullable String value) {
        clientMessage = value;
    }
}
