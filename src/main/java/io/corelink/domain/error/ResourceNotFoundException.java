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

    /** No thing has this name (as the request sent it: valid or not). */
    public static ResourceNotFoundException thing(String name) {
        return new ResourceNotFoundException("thing", name, "Thing " + name + " cannot be found.");
    }

    /** This name (as the request sent it) names no core device. */
    public static ResourceNotFoundException coreDevice(String name) {
        return new ResourceNotFoundException("coreDevice", name, "Core device " + name + " cannot be found.");
    }

    public String resourceType() {
        return resourceType;
    }

    public String resourceId() {
        return resourceId;
    }
}
