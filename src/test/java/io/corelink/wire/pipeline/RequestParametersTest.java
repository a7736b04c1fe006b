package io.corelink.wire.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.wire.http.ApiRequest;
import io.corelink.wire.http.QueryParameters;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CloudTrail's {@code requestParameters} of a REST-JSON request: labels, query and body, secrets hidden. */
class RequestParametersTest {
    private static String json(Map<String, String> labels, String query, String body) {
        return json(labels, query, body, true);
    }

    private static String json(Map<String, String> labels, String query, String body, boolean checked) {
        return RequestParameters.json(new ApiRequest("r", "POST", "/p", query, Map.of(),
                body.getBytes(StandardCharsets.UTF_8), labels, QueryParameters.parse(query)), checked);
    }

    @Test
    void labelsAndQuery_precedeTheBody_splicedAsItCame() {
        assertThat(json(Map.of("thingName", "t"), "", "{\"attributePayload\": {\"attributes\":{\"a\":\"1\"}}}"))
                .isEqualTo("{\"thingName\":\"t\",\"attributePayload\": {\"attributes\":{\"a\":\"1\"}}}");
        assertThat(json(Map.of("thingName", "t"), "", " { } ")).isEqualTo("{\"thingName\":\"t\"}");
        assertThat(json(Map.of(), "", "{\"setAsActive\":true}")).isEqualTo("{\"setAsActive\":true}");
        assertThat(json(Map.of("policyName", "p"), "force=true&x=1&x=2", ""))
                .isEqualTo("{\"policyName\":\"p\",\"force\":\"true\",\"x\":[\"1\",\"2\"]}");
    }

    @Test
    void aMemberThatMayHoldASecret_isHidden_andABodyThatDoesNotParse_isLeftOut() {
        assertThat(json(Map.of(), "", "{\"keyPair\":{\"PrivateKey\":\"-----BEGIN\"},\"n\":1}"))
                .isEqualTo("{\"keyPair\":{\"PrivateKey\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"},\"n\":1}");
        assertThat(json(Map.of("thingName", "t"), "", "{not json")).isEqualTo("{\"thingName\":\"t\"}");
        assertThat(json(Map.of(), "", "[1,2]")).isEqualTo("{}");
    }

    @Test
    void aLabel_winsOverABodyMemberOfItsName_andAnUncheckedBodyIsParsed() {
        assertThat(json(Map.of("thingName", "real"), "", "{\"thingName\":\"decoy\",\"n\":1}"))
                .isEqualTo("{\"thingName\":\"real\",\"n\":1}");
        assertThat(json(Map.of(), "", "{\"a\":\"x\u0000y\"}", false)).isEqualTo("{}");
        assertThat(json(Map.of(), "", "{\"a\":\"b\"}", false)).isEqualTo("{\"a\":\"b\"}");
    }
}
