package io.corelink.store;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.association.AssociatedClientDevice;
import io.corelink.domain.thing.ThingName;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Client-device associations of core devices; every method is one statement or one batch, whatever its size. */
public interface AssociationRepository {

    /** Associates {@code clients} with {@code core}; an existing association keeps its timestamp. */
    void associate(ThingName core, Collection<ThingName> clients, Instant now);

    /** Those of {@code clients} that are associated with {@code core}. */
    Set<ThingName> associatedAmong(ThingName core, Collection<ThingName> clients);

    /** Removes the associations of {@code clients} with {@code core} that exist. */
    void disassociate(ThingName core, Collection<ThingName> clients);

    /**
     * Up to {@code limit} client devices of {@code core} whose names follow {@code after} (all when null), in name
     * order; the cost does not depend on how many names precede {@code after}.
     */
    List<AssociatedClientDevice> list(ThingName core, @Nullable ThingName after, int limit);
}
