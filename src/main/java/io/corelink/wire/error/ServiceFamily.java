package io.corelink.wire.error;

import java.util.Set;

/**
 * The two AWS services one control-plane listener serves. Their error vocabularies differ: the same situation is a
 * {@code ValidationException} for Greengrass and an {@code InvalidRequestException} for IoT.
 */
public enum ServiceFamily {
    GREENGRASS(Set.of("greengrass"), AwsError.ValidationException, AwsError.InternalServerException),
    IOT(Set.of("iot", "execute-api"), AwsError.InvalidRequestException, AwsError.InternalFailureException);

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
        return this == GREENGRASS ? "greengrass" : "iot";
    }

    public AwsError validationError() {
        return validation;
    }

    public AwsError internalError() {
        return internal;
    }
}
