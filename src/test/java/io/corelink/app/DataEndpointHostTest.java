package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What DescribeEndpoint answers from the configuration: the data plane's host, unless only the caller can tell. */
class DataEndpointHostTest {
    private static final ServerConfig BASE = ServerConfig.defaults(Path.of("unused"));

    @Test
    void aDataPlaneHost_winsOverTheListeningAddress() {
        assertThat(CorelinkServer.dataEndpointHost(BASE.withHost("0.0.0.0")
                .withDataPlaneHosts(List.of("gw.plant-7.internal", "other")))).isEqualTo("gw.plant-7.internal");
    }

    @Test
    void aWildcardAddress_inAnySpelling_leavesItToTheCaller() {
        for (String wildcard : List.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0")) {
            assertThat(CorelinkServer.dataEndpointHost(BASE.withHost(wildcard))).as(wildcard).isNull();
        }
    }

    @Test
    void anAddressOrName_isAnsweredAsItIs_ipv6InBrackets() {
        assertThat(CorelinkServer.dataEndpointHost(BASE.withHost("127.0.0.1"))).isEqualTo("127.0.0.1");
        assertThat(CorelinkServer.dataEndpointHost(BASE.withHost("::1"))).isEqualTo("[::1]");
        assertThat(CorelinkServer.dataEndpointHost(BASE.withHost("gateway.local"))).isEqualTo("gateway.local");
    }
}
