package io.corelink.api.iot;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.QueryParameters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The host DescribeEndpoint answers on a wildcard address: the one in the caller's {@code Host}. */
class RequestedHostTest {

    @ParameterizedTest
    @CsvSource({"localhost:8080, localhost", "gw.plant-7.internal, gw.plant-7.internal", "10.0.0.5:80, 10.0.0.5",
        "'[::1]:8080', '[::1]'", "'[fe80::1]', '[fe80::1]'", "'::1', '[::1]'", "':8080', localhost",
        "'', localhost"})
    void theHostOfTheHostHeader_withIpv6InBrackets(String header, String expected) {
        ApiRequest request = new ApiRequest("r", "GET", "/endpoint", "", header.isEmpty() ? Map.of()
                : Map.of("host", List.of(header)), new byte[0], Map.of(), QueryParameters.EMPTY);

        assertThat(DescribeEndpointHandler.requestedHost(request)).isEqualTo(expected);
    }
}
