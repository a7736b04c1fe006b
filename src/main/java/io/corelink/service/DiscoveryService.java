package io.corelink.service;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.discovery.DataPlaneCaller;
import io.corelink.domain.discovery.DiscoveredCore;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * What a client device discovers: the fleet's hot read path, so the qualifying cores of a thing are cached (see
 * {@link DataPlaneCache}), and beside them the document they were rendered to, so that each cached result is
 * rendered once.
 */
public final class DiscoveryService {
    private final Store store;
    private final DataPlaneCache<ThingName, Cores> cache;

    public DiscoveryService(Store store, Clock clock) {
        this.store = store;
        this.cache = new DataPlaneCache<>(store, clock);
    }

    /** What {@code Discover} answers. */
    public sealed interface Discovery permits Discovery.Forbidden, Discovery.NotFound, Discovery.Found {
        /** The caller's certificate is not attached to the thing. */
        record Forbidden() implements Discovery {
        }

        /** The qualifying core devices. */
        record Found(Cores cores) implements Discovery {
        }

        /** No associated core device has both connectivity info and a CA certificate. */
        record NotFound() implements Discovery {
        }
    }

    /**
     * The qualifying cores of one client device, by name, and the document they are rendered to: rendered at most once
     * per cached result, by the first caller who asks.
     */
    public static final class Cores {
        private final List<DiscoveredCore> cores;
        private volatile byte @Nullable [] rendered;

        Cores(List<DiscoveredCore> cores) {
            this.cores = List.copyOf(cores);
        }

        public List<DiscoveredCore> cores() {
            return cores;
        }

        /** The document, rendered by {@code render} the first time it is asked for (a race renders it twice, harmlessly). */
        public byte[] rendered(Function<List<DiscoveredCore>, byte[]> render) {
            byte[] document = rendered;
            if (document == null) {
                document = render.apply(cores);
                rendered = document;
            }
            return document;
        }
    }

    /** @param thing the thing the caller asks about; a caller whose certificate is not attached to it is refused */
    public Discovery discover(DataPlaneCaller caller, ThingName thing) {
        if (!caller.isAttachedTo(thing)) {
            return new Discovery.Forbidden();
        }
        Cores cores = cache.get(thing, () -> new Cores(store.read(tx -> tx.discovery().coresOf(thing)).stream()
                .filter(DiscoveredCore::qualifies).toList())).value();
        return cores.cores().isEmpty() ? new Discovery.NotFound() : new Discovery.Found(cores);
    }
}
