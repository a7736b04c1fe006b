package io.corelink.domain.association;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.thing.ThingName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of one Batch(Dis)associate request: each distinct name is handled once, in request order; the core
 * device's own name is an error; a name that names no thing (including names the IoT registry cannot hold) is an
 * error unless, for a disassociation, an association still names it.
 *
 * <p>Deciding takes two steps so that the store's writer does as little as possible: {@link #entries} parses the
 * request before the transaction, and {@link Entries#plan} decides inside it from what the store answered.
 */
public final class BatchPlan {
    private final List<ThingName> targets;
    private final List<EntryError> errors;

    private BatchPlan(List<ThingName> targets, List<EntryError> errors) {
        this.targets = List.copyOf(targets);
        this.errors = List.copyOf(errors);
    }

    /** Parses the entries' names as sent, distinct and in request order. */
    public static Entries entries(ThingName core, List<String> entryNames) {
        Map<String, @Nullable ThingName> distinct = new LinkedHashMap<>();
        Set<ThingName> candidates = new LinkedHashSet<>();
        for (String name : entryNames) {
            if (!distinct.containsKey(name)) {
                ThingName thing = name.equals(core.value()) ? null : ThingName.parse(name).orElse(null);
                distinct.put(name, thing);
                if (thing != null) {
                    candidates.add(thing);
                }
            }
        }
        return new Entries(core, distinct, candidates);
    }

    /** The entries of one request, parsed. */
    public static final class Entries {
        private final ThingName core;
        private final Map<String, @Nullable ThingName> distinct;
        private final Set<ThingName> candidates;

        private Entries(ThingName core, Map<String, @Nullable ThingName> distinct, Set<ThingName> candidates) {
            this.core = core;
            this.distinct = distinct;
            this.candidates = candidates;
        }

        /** The distinct entry names that are valid thing names other than the core's, for the existence query. */
        public Set<ThingName> candidates() {
            return candidates;
        }

        /**
         * @param missing the candidates that name no thing
         * @param stillAssociated for a disassociation, the candidates an association names (empty for an association)
         */
        public BatchPlan plan(Set<ThingName> missing, Set<ThingName> stillAssociated) {
            List<ThingName> targets = new ArrayList<>(candidates.size());
            List<EntryError> errors = new ArrayList<>();
            distinct.forEach((name, thing) -> {
                if (name.equals(core.value())) {
                    errors.add(EntryError.selfAssociation(name));
                } else if (thing != null && (!missing.contains(thing) || stillAssociated.contains(thing))) {
                    targets.add(thing);
                } else {
                    errors.add(EntryError.notFound(name));
                }
            });
            return new BatchPlan(targets, errors);
        }
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
