package io.corelink.domain.association;

import io.corelink.domain.thing.ThingName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of one Batch(Dis)associate request, decided before anything is written: each distinct name is handled
 * once, in request order; the core device's own name is an error; a name that names no thing (including names the
 * IoT registry cannot hold) is an error unless, for a disassociation, an association still names it.
 */
public final class BatchPlan {
    private final List<ThingName> targets;
    private final List<EntryError> errors;

    private BatchPlan(List<ThingName> targets, List<EntryError> errors) {
        this.targets = List.copyOf(targets);
        this.errors = List.copyOf(errors);
    }

    /** The distinct entry names that are valid thing names, for the existence query. */
    public static Set<ThingName> candidates(ThingName core, List<String> entryNames) {
        Set<ThingName> names = new LinkedHashSet<>();
        for (String name : new LinkedHashSet<>(entryNames)) {
            if (!name.equals(core.value())) {
                ThingName.parse(name).ifPresent(names::add);
            }
        }
        return names;
    }

    /**
     * @param existing the candidates that name a thing
     * @param stillAssociated for a disassociation, the candidates an association names (empty for an association)
     */
    public static BatchPlan of(ThingName core, List<String> entryNames, Set<ThingName> existing,
                               Set<ThingName> stillAssociated) {
        List<ThingName> targets = new ArrayList<>();
        List<EntryError> errors = new ArrayList<>();
        for (String name : new LinkedHashSet<>(entryNames)) {
            if (name.equals(core.value())) {
                errors.add(EntryError.selfAssociation(name));
                continue;
            }
            ThingName.parse(name).filter(thing -> existing.contains(thing) || stillAssociated.contains(thing))
                    .ifPresentOrElse(targets::add, () -> errors.add(EntryError.notFound(name)));
        }
        return new BatchPlan(targets, errors);
    }

    /** The things to (dis)associate, distinct, in request order. */
    public List<ThingName> targets() {
        return targets;
    }

    /** The failed entries, in request order. */
    public List<EntryError> errors() {
        return errors;
    }
}
