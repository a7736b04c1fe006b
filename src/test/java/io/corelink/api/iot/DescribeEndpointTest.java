package io.corelink.api.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.testing.IamUsers;
import io.corelink.testing.TestServer;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.IotException;

/** DescribeEndpoint through the AWS SDK for Java v2, as scripts call it first. */
class DescribeEndpointTest {

    @Test
    void everyKnownType_answersTheDataPlaneHost_andTheDefaultTypeToo() {
        try (TestServer server = TestServer.start(Clock.systemUTC(),
                config -> config.withDataPlaneHosts(List.of("gateway.plant-7.internal", "gw2.plant-7.internal")));
             IotClient iot = server.iot()) {
            for (String type : List.of("iot:Data-ATS", "iot:Data", "iot:CredentialProvider", "iot:Jobs")) {
                assertThat(iot.describeEndpoint(r -> r.endpointType(type)).endpointAddress())
                        .as(type).isEqualTo("gateway.plant-7.internal");
            }
            assertThat(iot.describeEndpoint(r -> { }).endpointAddress()).isEqualTo("gateway.plant-7.internal");
        }
    }

    @Test
    void withoutADataPlaneHost_theHostIsTheListeningAddress() {
        try (TestServer server = TestServer.start(); IotClient iot = server.iot()) {
            assertThat(iot.describeEndpoint(r -> r.endpointType("iot:Data-ATS")).endpointAddress())
                    .isEqualTo("127.0.0.1");
        }
    }

    @Test
    void onAWildcardAddress_theHostIsTheOneTheCallerUsed() {
        try (TestServer server = TestServer.start(Clock.systemUTC(), config -> config.withHost("0.0.0.0"));
             IotClient iot = IotClient.builder()
                     .endpointOverride(java.net.URI.create("http://localhost:" + server.port()))
                     .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                     .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                             software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                     TestServer.ACCESS_KEY_ID, TestServer.SECRET)))
                     .build()) {
            assertThat(iot.describeEndpoint(r -> r.endpointType("iot:Data-ATS")).endpointAddress())
                    .isEqualTo("localhost");
        }
    }

    @Test
    void anUnknownType_isAnInvalidRequest() {
        try (TestServer server = TestServer.start(); IotClient iot = server.iot()) {
            assertThatThrownBy(() -> iot.describeEndpoint(r -> r.endpointType("iot:Shadow")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).contains("endpointType")
                                .contains("iot:Data-ATS");
                    });
        }
    }

    @Test
    void itIsAuthorizedAsIotDescribeEndpoint() {
        try (TestServer server = TestServer.start(); IamClient admin = server.iam()) {
            AccessKey allowed = IamUsers.allowedTo(admin, "scripts", "iot:DescribeEndpoint");
            AccessKey other = IamUsers.allowedTo(admin, "lister", "iot:ListThings");
            try (IotClient iot = server.iot(allowed.accessKeyId(), allowed.secretAccessKey())) {
                assertThat(iot.describeEndpoint(r -> r.endpointType("iot:Data-ATS")).endpointAddress())
                        .isEqualTo("127.0.0.1");
            }
            try (IotClient iot = server.iot(other.accessKeyId(), other.secretAccessKey())) {
                assertThatThrownBy(() -> iot.describeEndpoint(r -> r.endpointType("iot:Data-ATS")))
                        .isInstanceOfSatisfying(IotException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorMessage()).contains("iot:DescribeEndpoint");
                        });
            }
        }
    }
}
