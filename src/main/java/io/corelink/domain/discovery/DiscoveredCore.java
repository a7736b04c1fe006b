package io.corelink.domain.discovery;

import io.corelink.domain.coredevice.ConnectivityEndpoint;
import io.corelink.domain.thing.ThingName;
import java.util.List;

/**
 * A core device as discovery reports it: where client devices reach it and which CA certificates its broker's
 * certificate chains to. It qualifies for {@code Discover} when it has at least one of each.
 */
public record DiscoveredCore(ThingName core, List<ConnectivityEndpoint> connectivity, List<String> certificateAuthorities) {
    public DiscoveredCore {
        connectivity = List.copyOf(connectivity);
        certificateAuthorities = List.copyOf(certificateAuthorities);
    }

    public boolean qualifies() {
        return !connectivity.isEmpty() && !certificateAuthorities.isEmpty();
    }
}
