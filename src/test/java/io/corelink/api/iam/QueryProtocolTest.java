package io.corelink.api.iam;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.domain.Account;
import io.corelink.testing.RawClient;
import io.corelink.testing.TestServer;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * The AWS query protocol on the wire, on a server configured for eu-west-1: the scope regions IAM and STS accept
 * (the deployment's, and AWS's global ones) where the other services accept only the deployment's; the XML of
 * answers and errors in the model's namespace; authorization before the body is validated.
 */
class QueryProtocolTest {
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Clock.systemUTC(), config -> config.withAccount(new Account("eu-west-1",
                "000000000000")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawClient.Builder form(String region, String service, String body) {
        return server.raw().request("POST", "/").service(service).region(region).body(body.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).header("Content-Type", FORM);
    }

    @Test
    void iamAndSts_acceptTheDeploymentsRegion_andTheGlobalScopes_otherServicesOnlyTheirOwn() {
        for (String region : new String[] {"eu-west-1", "us-east-1", "aws-global"}) {
            var answer = form(region, "sts", "Action=GetCallerIdentity&Version=2011-06-15").send();
            assertThat(answer.status()).as(region).isEqualTo(200);
            assertThat(answer.headers().get("content-type")).startsWith("text/xml");
            assertThat(answer.body()).contains("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/"
                    + "2011-06-15/\"><GetCallerIdentityResult><UserId>000000000000</UserId>"
                    + "<Account>000000000000</Account><Arn>arn:aws:iam::000000000000:root</Arn>"
                    + "</GetCallerIdentityResult><ResponseMetadata><RequestId>");
        }
        var listed = form("us-east-1", "iam", "Action=ListUsers&Version=2010-05-08&PathPrefix=%2Fnobody%2F").send();
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).containsAnyOf("<ListUsersResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                + "<ListUsersResult><Users/><IsTruncated>false</IsTruncated></ListUsersResult>",
                "<ListUsersResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                + "<ListUsersResult><Users></Users><IsTruncated>false</IsTruncated></ListUsersResult>");
        var iot = server.raw().request("GET", "/things").service("iot").region("us-east-1").send();
        assertThat(iot.status()).isEqualTo(403);
        assertThat(iot.headers().get("x-amzn-errortype")).isEqualTo("InvalidSignatureException");
    }

    @Test
    void errors_areTheQueryProtocolsXml_withSenderOrReceiver() {
        var unknown = form("eu-west-1", "iam", "Action=AssumeRoleWithMagic&Version=2010-05-08").send();
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                + "<Error><Type>Sender</Type><Code>InvalidAction</Code><Message>Could not find operation "
                + "AssumeRoleWithMagic for version 2010-05-08</Message></Error><RequestId>");
        var missing = form("eu-west-1", "iam", "Action=GetUser&Version=2010-05-08&UserName=no%20body").send();
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("<Code>ValidationError</Code>");
        var badKey = form("eu-west-1", "iam", "Action=ListUsers&Version=2010-05-08")
                .credentials("AKIANOSUCHKEY0000000", "x".repeat(40)).send();
        assertThat(badKey.status()).isEqualTo(403);
        assertThat(badKey.body()).contains("<Code>InvalidClientTokenId</Code><Message>The security token included "
                + "in the request is invalid.</Message>");
        var control = form("eu-west-1", "iam", "Action=ListUsers&Version=2010-05-08&Marker=%00").send();
        assertThat(control.status()).isEqualTo(400);
        assertThat(control.body()).contains("<Code>ValidationError</Code>");
    }

    @Test
    void authorization_comesBeforeTheBodyIsValidated() {
        AccessKey key;
        try (IamClient iam = server.iam()) {
            iam.createUser(r -> r.userName("no-rights"));
            key = iam.createAccessKey(r -> r.userName("no-rights")).accessKey();
        }
        var denied = server.raw(key.accessKeyId(), key.secretAccessKey())
                .request("POST", "/greengrass/v2/coreDevices/core-1/associateClientDevices").service("greengrass")
                .region("eu-west-1").body("{\"entries\": [{\"thingName\": 12}").send();
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.headers().get("x-amzn-errortype")).isEqualTo("AccessDeniedException");
        var root = server.raw().request("POST", "/greengrass/v2/coreDevices/core-1/associateClientDevices")
                .service("greengrass").region("eu-west-1").body("{\"entries\": [{\"thingName\": 12}").send();
        assertThat(root.status()).isEqualTo(400);
        var query = form("eu-west-1", "iam", "Action=CreateUser&Version=2010-05-08&UserName=bad%20name")
                .credentials(key.accessKeyId(), key.secretAccessKey()).send();
        assertThat(query.status()).isEqualTo(403);
        assertThat(query.body()).contains("<Code>AccessDenied</Code><Message>User: arn:aws:iam::000000000000:"
                + "user/no-rights is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::"
                + "000000000000:user/bad name because no identity-based policy allows the iam:CreateUser action");
    }
}
