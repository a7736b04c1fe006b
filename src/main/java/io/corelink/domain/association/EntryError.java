package io.corelink.domain.association;

/**
 * Why one entry of a batch (dis)association failed: the entry's thing name as sent, an AWS error code and a message.
 * The other entries of the request are unaffected.
 */
public record EntryError(String thingName, String code, String message) {

    public static EntryError notFound(String thingName) {
        return new EntryError(thingName, "ResourceNotFoundException", "Thing " + thingName + " cannot be found.");
    }

    public static EntryError selfAssociation(String thingName) {
        return new EntryError(thingName, "ValidationException", "a core device cannot be associated with itself");
    }
}
