package io.corelink.store;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.thing.Thing;
import io.corelink.domain.thing.ThingFilter;
import io.corelink.domain.thing.ThingName;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Things and their attributes. */
public interface ThingRepository {

    Optional<Thing> find(ThingName name);

    /** Those of {@code names} that name a thing, in one query. */
    Set<ThingName> existing(Collection<ThingName> names);

    /**
     * Those of {@code names} that name no thing, in one query: the complement of {@link #existing}, for batches where
     * almost every name exists (only the exceptions cross from the database).
     */
    Set<ThingName> missing(Collection<ThingName> names);

    /** Inserts {@code thing}; returns false, changing nothing, when a thing of that name exists. */
    boolean insertIfAbsent(Thing thing);

    /**
     * Replaces the stored thing by {@code thing} when the stored version is {@code expectedStoredVersion};
     * returns false, changing nothing, otherwise (or when the thing is gone).
     */
    boolean replace(Thing thing, long expectedStoredVersion);

    /** Deletes the thing and everything that names it; returns whether it existed. */
    boolean delete(ThingName name);

    /**
     * Up to {@code limit} things matching {@code filter} whose names follow {@code after} (all when null), in name
     * order. The cost does not depend on how many names precede {@code after}.
     */
    List<Thing> list(ThingFilter filter, @Nullable ThingName after, int limit);
}
