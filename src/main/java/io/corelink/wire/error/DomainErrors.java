package io.corelink.wire.error;

import io.corelink.domain.error.AccessDeniedException;
import io.corelink.domain.error.CertificateStateException;
import io.corelink.domain.error.ConflictException;
import io.corelink.domain.error.DomainException;
import io.corelink.domain.error.InvalidCertificateException;
import io.corelink.domain.error.InvalidRequestException;
import io.corelink.domain.error.InvalidValueException;
import io.corelink.domain.error.MalformedPolicyException;
import io.corelink.domain.error.ResourceAlreadyExistsException;
import io.corelink.domain.error.ResourceNotFoundException;
import io.corelink.domain.error.VersionConflictException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one translation of domain errors into the AWS error shapes of each service family. */
public final class DomainErrors {
    private DomainErrors() {
    }

    public static AwsException toAws(ServiceFamily family, DomainException e) {
        if (family.isQuery()) {
            return toQuery(family, e);
        }
        boolean greengrass = family == ServiceFamily.GREENGRASS;
        if (e instanceof ResourceNotFoundException notFound) {
            Map<String, Object> members = greengrass
                    ? ordered("resourceId", notFound.resourceId(), "resourceType", notFound.resourceType())
                    : Map.of();
            return new AwsException(AwsError.ResourceNotFoundException, e.getMessage(), members);
        }
        if (e instanceof ResourceAlreadyExistsException exists) {
            return greengrass
                    ? new AwsException(AwsError.ConflictException, e.getMessage(),
                            ordered("resourceId", exists.resourceId(), "resourceType", "thing"))
                    : new AwsException(AwsError.ResourceAlreadyExistsException, e.getMessage(),
                            ordered("resourceId", exists.resourceId(), "resourceArn", exists.resourceArn()));
        }
        if (e instanceof InvalidCertificateException) {
            return greengrass ? new AwsException(AwsError.ValidationException, e.getMessage(),
                    Map.of("reason", "OTHER"))
                    : new AwsException(AwsError.CertificateValidationException, e.getMessage());
        }
        if (e instanceof CertificateStateException) {
            return new AwsException(greengrass ? AwsError.ConflictException : AwsError.CertificateStateException,
                    e.getMessage());
        }
        if (e instanceof ConflictException conflict) {
            return switch (conflict.kind()) {
                case CERTIFICATE_ATTACHED -> new AwsException(AwsError.DeleteConflictException, e.getMessage());
                case THING_HAS_PRINCIPALS -> new AwsException(AwsError.InvalidRequestConflictException, e.getMessage());
                case PRINCIPAL_EXCLUSIVE -> new AwsException(family.validationError(), e.getMessage());
                case POLICY_IN_USE -> new AwsException(AwsError.DeleteConflictException, e.getMessage());
                case POLICY_VERSIONS_LIMIT -> new AwsException(AwsError.VersionsLimitExceededException, e.getMessage());
                case CERTIFICATE_POLICY_LIMIT, TAG_LIMIT, QUOTA_EXCEEDED ->
                        new AwsException(AwsError.LimitExceededException, e.getMessage());
                case ENTITY_IN_USE -> new AwsException(AwsError.DeleteConflictException, e.getMessage());
            };
        }
        if (e instanceof MalformedPolicyException) {
            return new AwsException(AwsError.MalformedPolicyException, e.getMessage());
        }
        if (e instanceof AccessDeniedException) {
            return new AwsException(AwsError.AccessDeniedException, e.getMessage());
        }
        if (e instanceof VersionConflictException) {
            return new AwsException(greengrass ? AwsError.ConflictException : AwsError.VersionConflictException,
                    e.getMessage());
        }
        if (e instanceof InvalidRequestException || e instanceof InvalidValueException) {
            return new AwsException(family.validationError(), e.getMessage(),
                    greengrass ? Map.of("reason", "OTHER") : Map.of());
        }
        throw new IllegalStateException("unmapped domain error " + e.getClass().getSimpleName());
    }

    /** IAM's and STS's codes for the same situations. */
    private static AwsException toQuery(ServiceFamily family, DomainException e) {
        if (e instanceof ResourceNotFoundException) {
            return new AwsException(AwsError.NoSuchEntity, e.getMessage());
        }
        if (e instanceof ResourceAlreadyExistsException) {
            return new AwsException(AwsError.EntityAlreadyExists, e.getMessage());
        }
        if (e instanceof ConflictException conflict) {
            return switch (conflict.kind()) {
                case ENTITY_IN_USE, POLICY_IN_USE, CERTIFICATE_ATTACHED, THING_HAS_PRINCIPALS, PRINCIPAL_EXCLUSIVE ->
                        new AwsException(AwsError.DeleteConflict, e.getMessage());
                case QUOTA_EXCEEDED, TAG_LIMIT, POLICY_VERSIONS_LIMIT, CERTIFICATE_POLICY_LIMIT ->
                        new AwsException(AwsError.IamLimitExceeded, e.getMessage());
            };
        }
        if (e instanceof MalformedPolicyException) {
            return new AwsException(AwsError.MalformedPolicyDocument, e.getMessage());
        }
        if (e instanceof AccessDeniedException) {
            return new AwsException(AwsError.AccessDeniedException, e.getMessage());
        }
        if (e instanceof InvalidValueException) {
            return new AwsException(family.validationError(), e.getMessage());
        }
        return new AwsException(AwsError.InvalidInput, e.getMessage());
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put(k1, v1);
        members.put(k2, v2);
        return members;
    }
}
