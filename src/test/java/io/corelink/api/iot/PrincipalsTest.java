package io.corelink.api.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.testing.TestCertificates;
import io.corelink.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.ListThingPrincipalsResponse;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.ThingPrincipalType;

/** Thing principals through the real {@link IotClient}. */
class PrincipalsTest {
    private static TestServer server;
    private static IotClient iot;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        iot = server.iot();
    }

    @AfterAll
    static void stop() {
        iot.close();
        server.close();
    }

    private static String newCertificateArn() {
        return "arn:aws:iot:us-east-1:000000000000:cert/" + iot.registerCertificateWithoutCA(r -> r
                .certificatePem(TestCertificates.selfSigned("principal"))).certificateId();
    }

    @Test
    void attach_list_detach_takeEffectAtOnce_inBothDirections() {
        iot.createThing(r -> r.thingName("p:thing-a"));
        iot.createThing(r -> r.thingName("p:thing-b"));
        String arn = newCertificateArn();
        iot.attachThingPrincipal(r -> r.thingName("p:thing-a").principal(arn));
        iot.attachThingPrincipal(r -> r.thingName("p:thing-b").principal(arn));
        iot.attachThingPrincipal(r -> r.thingName("p:thing-b").principal(arn));

        assertThat(iot.listThingPrincipals(r -> r.thingName("p:thing-a")).principals()).containsExactly(arn);
        assertThat(iot.listPrincipalThings(r -> r.principal(arn)).things()).containsExactly("p:thing-a", "p:thing-b");

        iot.detachThingPrincipal(r -> r.thingName("p:thing-a").principal(arn));
        assertThat(iot.listThingPrincipals(r -> r.thingName("p:thing-a")).principals()).isEmpty();
        assertThat(iot.listPrincipalThings(r -> r.principal(arn)).things()).containsExactly("p:thing-b");
        iot.detachThingPrincipal(r -> r.thingName("p:thing-a").principal(arn));
    }

    @Test
    void listThingPrincipals_pages() {
        iot.createThing(r -> r.thingName("p-many"));
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String arn = newCertificateArn();
            arns.add(arn);
            iot.attachThingPrincipal(r -> r.thingName("p-many").principal(arn));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String current = token;
            ListThingPrincipalsResponse page = iot.listThingPrincipals(r -> r.thingName("p-many").maxResults(2)
                    .nextToken(current));
            seen.addAll(page.principals());
            token = page.nextToken();
        } while (token != null);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(arns).isSorted();
        assertThat(iot.listThingPrincipalsPaginator(r -> r.thingName("p-many").maxResults(3)).principals())
                .containsExactlyElementsOf(seen);
    }

    @Test
    void unknownThingsCertificatesAndForeignPrincipals_areRefused() {
        iot.createThing(r -> r.thingName("p-known"));
        String arn = newCertificateArn();
        assertThatThrownBy(() -> iot.attachThingPrincipal(r -> r.thingName("p-unknown").principal(arn)))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        String missing = "arn:aws:iot:us-east-1:000000000000:cert/" + "b".repeat(64);
        assertThatThrownBy(() -> iot.attachThingPrincipal(r -> r.thingName("p-known").principal(missing)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.listPrincipalThings(r -> r.principal(missing)))
                .isInstanceOf(ResourceNotFoundException.class);
        String foreign = "arn:aws:iot:us-east-1:111111111111:cert/" + arn.substring(arn.lastIndexOf('/') + 1);
        assertThatThrownBy(() -> iot.attachThingPrincipal(r -> r.thingName("p-known").principal(foreign)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> iot.attachThingPrincipal(r -> r.thingName("p-known").principal("not-an-arn")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> iot.listThingPrincipals(r -> r.thingName("p-unknown")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(server.raw().request("PUT", "/things/p-known/principals").body("{}").send().status())
                .isEqualTo(400);
    }

    @Test
    void anExclusiveAttachment_keepsOtherThingsAway() {
        iot.createThing(r -> r.thingName("p-exclusive"));
        iot.createThing(r -> r.thingName("p-other"));
        String arn = newCertificateArn();
        iot.attachThingPrincipal(r -> r.thingName("p-exclusive").principal(arn)
                .thingPrincipalType(ThingPrincipalType.EXCLUSIVE_THING));
        assertThatThrownBy(() -> iot.attachThingPrincipal(r -> r.thingName("p-other").principal(arn)))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(iot.listPrincipalThings(r -> r.principal(arn)).things()).containsExactly("p-exclusive");
    }

    @Test
    void aThingWithAttachedPrincipals_cannotBeDeleted_untilDetached() {
        iot.createThing(r -> r.thingName("p-delete"));
        String arn = newCertificateArn();
        iot.attachThingPrincipal(r -> r.thingName("p-delete").principal(arn));
        assertThatThrownBy(() -> iot.deleteThing(r -> r.thingName("p-delete")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("still attached");
                });
        iot.detachThingPrincipal(r -> r.thingName("p-delete").principal(arn));
        iot.deleteThing(r -> r.thingName("p-delete"));
        assertThat(iot.listPrincipalThings(r -> r.principal(arn)).things()).isEmpty();
    }
}
