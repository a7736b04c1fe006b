package io.corelink.domain.error;

import java.util.Objects;

/** A resource with that identity exists already and differs from what the caller asked for. */
public final class ResourceAlreadyExistsException extends DomainException {
    private static final long serialVersionUID = 1L;
    private final String resourceId;
    private final String resourceArn;

    public ResourceAlreadyExistsException(String resourceId, String resourceArn, String message) {
        super(message);
        this.resourceId = Objects.requireNonNull(resourceId);
        this.resourceArn = Objects.requireNonNull(resourceArn);
    }

    public String resourceId() {
        return resourceId;
    }

    public String resourceArn() {
        return resourceArn;
    }
}
