package io.corelink.store;

/**
 * How a write holds its subject ({@link Store#write(String, SubjectLock, java.util.function.Function)}): shared with
 * the other {@code SHARED} writes of the subject, or alone.
 */
public enum SubjectLock {
    /** With other shared writes, never with an exclusive one: writes that only add and do not conflict. */
    SHARED,
    /** Alone: writes that read what the others change, and would otherwise abort each other. */
    EXCLUSIVE
}
