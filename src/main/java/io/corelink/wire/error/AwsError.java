package io.corelink.wire.error;

/**
 * The catalogue of AWS errors Corelink answers with: the shape name sent in {@code x-amzn-ErrorType} and the HTTP
 * status of the model. Members beyond {@code message} are given where the error is raised (see {@link AwsException}).
 */
public enum AwsError {
    // Both services: protocol and authentication.
    UnknownOperationException(404),
    RequestEntityTooLargeException(413),
    UnsupportedMediaTypeException(415),
    MissingAuthenticationTokenException(403),
    IncompleteSignatureException(400),
    UnrecognizedClientException(403),
    InvalidSignatureException(403),
    AccessDeniedException(403),
    ResourceNotFoundException(404),
    ServiceUnavailableException(503),

    // Greengrass V2 shapes.
    ValidationException(400),
    ConflictException(409),
    InternalServerException(500),
    GreengrassThrottlingException(429, "ThrottlingException"),

    // IoT shapes.
    InvalidRequestException(400),
    ResourceAlreadyExistsException(409),
    VersionConflictException(409),
    InternalFailureException(500),
    CertificateValidationException(400),
    CertificateStateException(406),
    DeleteConflictException(409),
    MalformedPolicyException(400),
    VersionsLimitExceededException(409),
    LimitExceededException(410),
    /** AWS IoT answers a DeleteThing of a thing with attached principals with this code and status 409. */
    InvalidRequestConflictException(409, "InvalidRequestException"),
    IotThrottlingException(400, "ThrottlingException"),

    // IAM and STS (the AWS query protocol): the shape name is the code sent in <Code>.
    NoSuchEntity(404),
    EntityAlreadyExists(409),
    DeleteConflict(409),
    IamLimitExceeded(409, "LimitExceeded"),
    MalformedPolicyDocument(400),
    InvalidInput(400),
    ValidationError(400),
    InvalidAction(400),
    ServiceFailure(500),
    QueryThrottling(400, "Throttling"),
    QueryInternalFailure(500, "InternalFailure");

    private final int status;
    private final String shapeName;

    AwsError(int status) {
        this.status = status;
        this.shapeName = name();
    }

    AwsError(int status, String shapeName) {
        this.status = status;
        this.shapeName = shapeName;
    }

    public int status() {
        return status;
    }

    /**
     * Whether this error refuses credentials a caller presented (a signature that does not hold, an unknown or
     * inactive key, a malformed {@code Authorization} header): a failed authentication for the audit log. A request
     * that presented no credentials at all ({@link #MissingAuthenticationTokenException}) is not one.
     */
    public boolean refusesCredentials() {
        return this == IncompleteSignatureException || this == UnrecognizedClientException
                || this == InvalidSignatureException;
    }

    /** The value of {@code x-amzn-ErrorType}: the shape name of the model. */
    public String shapeName() {
        return shapeName;
    }

    /**
     * The code the AWS query protocol (IAM, STS) sends for this error: the errors both protocols share are spelled
     * differently there ({@code AccessDenied}, {@code InvalidClientTokenId}, {@code SignatureDoesNotMatch}, …).
     */
    public String queryCode() {
        return switch (this) {
            case AccessDeniedException -> "AccessDenied";
            case UnrecognizedClientException -> "InvalidClientTokenId";
            case InvalidSignatureException -> "SignatureDoesNotMatch";
            case IncompleteSignatureException -> "IncompleteSignature";
            case MissingAuthenticationTokenException -> "MissingAuthenticationToken";
            case UnknownOperationException -> "InvalidAction";
            case ServiceUnavailableException -> "ServiceUnavailable";
            case RequestEntityTooLargeException -> "RequestEntityTooLarge";
            case UnsupportedMediaTypeException -> "UnsupportedMediaType";
            default -> shapeName;
        };
    }

    /** Whether the client may retry: server faults carry {@code Retry-After}. */
    public boolean isServerFault() {
        return status >= 500;
    }
}
