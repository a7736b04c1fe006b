package io.corelink.domain.error;

import java.util.Objects;

/** The named resource does not exist. {@code resourceType} is the lower-camel type name ("thing"). */
public final class ResourceNotFoundException extends DomainException {
    private static final long serialVersionUID = 1L;
    private final String resourceType;
    private final String resourceId;

    public ResourceNotFoundException(String resourceType, String resourceId, String message) {
        super(message);
        this.resourceType = Objects.requireNonNull(resourceType);
        this.resourceId = Objects.requireNonNull(resourceId);
    }

    public String resourceType() {
        return resourceType;
    }

    public String resourceId() {
        return resourceId;
    }
}
