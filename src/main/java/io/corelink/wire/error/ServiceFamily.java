package io.corelink.wire.error;

import java.util.Set;

/**
 * The AWS services one control-plane listener serves. Their error vocabularies differ: the same situation is a
 * {@code ValidationException} for Greengrass, an {@code InvalidRequestException} for IoT and a {@code ValidationError}
 * for IAM. Greengrass and IoT speak REST-JSON; IAM and STS the AWS query protocol (form bodies, XML answers in their
 * model's namespace).
 */
public enum ServiceFamily {
    GREENGRASS(Set.of("greengrass"), AwsError.ValidationException, AwsError.InternalServerException),
    IOT(Set.of("iot", "execute-api"), AwsError.InvalidRequestException, AwsError.InternalFailureException),
    IAM(Set.of("iam"), AwsError.ValidationError, AwsError.ServiceFailure),
    STS(Set.of("sts"), AwsError.ValidationError, AwsError.QueryInternalFailure);

    private final Set<String> signingNames;
    private final AwsError validation;
    private final AwsError internal;

    ServiceFamily(Set<String> signingNames, AwsError validation, AwsError internal) {
        this.signingNames = signingNames;
        this.validation = validation;
        this.internal = internal;
    }

    /** Whether a SigV4 credential scope naming {@code service} may call this family's operations. */
    public boolean acceptsSigningName(String service) {
        return signingNames.contains(service);
    }

    /** The signing name AWS clients use for this family. */
    public String signingName() {
        return switch (this) {
            case GREENGRASS -> "greengrass";
            case IOT -> "iot";
            case IAM -> "iam";
            case STS -> "sts";
        };
    }

    /** Whether this service speaks the AWS query protocol (and answers in XML). */
    public boolean isQuery() {
        return this == IAM || this == STS;
    }

    /** The XML namespace of a query service's answers (the model's {@code xmlNamespace}); empty for REST-JSON. */
    public String xmlNamespace() {
        return switch (this) {
            case IAM -> "https://iam.amazonaws.com/doc/2010-05-08/";
            case STS -> "https://sts.amazonaws.com/doc/2011-06-15/";
            default -> "";
        };
    }

    /** The {@code Version} a query service's requests carry. */
    public String apiVersion() {
        return switch (this) {
            case IAM -> "2010-05-08";
            case STS -> "2011-06-15";
            default -> "";
        };
    }

    public AwsError validationError() {
        return validation;
    }

    public AwsError internalError() {
        return internal;
    }
}
