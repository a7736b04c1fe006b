package io.corelink.wire.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --rate-limit SELECTOR=RATE[/BURST]}: parsing, and which selector decides an action. */
class RateLimitTest {

    @Test
    void parses_rate_burst_andTheDefaultBurst() {
        assertThat(RateLimit.parse("greengrass:Discover=50/100")).isEqualTo(new RateLimit("greengrass:Discover", 50,
                100));
        assertThat(RateLimit.parse("iot:*=10")).isEqualTo(new RateLimit("iot:*", 10, 10));
        assertThat(RateLimit.parse("DEFAULT=0.5")).isEqualTo(new RateLimit("default", 0.5, 1));
        assertThat(RateLimit.parse(" iam:List* = 2.5/3 ").toString()).isEqualTo("iam:List*=2.5/3");
    }

    @Test
    void refusesWhatIsNotALimit_namingTheOption() {
        for (String bad : List.of("iot:CreateThing", "=5", "iot:CreateThing=0", "iot:CreateThing=-1",
                "iot:CreateThing=5/0", "iot:CreateThing=five", "iot:CreateThing=5/2/1", "CreateThing=5",
                "iot:Create Thing=5", "iot:CreateThing=NaN", "iot:CreateThing=Infinity")) {
            assertThatThrownBy(() -> RateLimit.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--rate-limit");
        }
    }

    @Test
    void theMostSpecificSelectorDecides() {
        // Rates of one request in a thousand seconds: nothing refills while the test runs, however slow the machine.
        RateLimiting limiting = new RateLimiting(List.of(RateLimit.parse("default=0.001/100"),
                RateLimit.parse("iot:*=0.001/10"), RateLimit.parse("iot:Create*=0.001/5"),
                RateLimit.parse("iot:CreateThing=0.001/1")));
        Call call = new Call("r", "control", "POST", "/things/a", "127.0.0.1",
                io.corelink.wire.error.ServiceFamily.IOT, 0);
        call.principal("AKIDEXAMPLE");
        call.permission("iot:CreateThing", "arn:aws:iot:us-east-1:000000000000:thing/a");
        limiting.admit(call);
        assertThatThrownBy(() -> limiting.admit(call)).isInstanceOfSatisfying(RateLimited.class, e -> {
            assertThat(e.reason()).contains("iot:CreateThing=0.001/1");
            assertThat(e.retryAfterSeconds()).isBetween(990L, 1_000L);
        });
        // Another action of the same family draws from its own selector's bucket.
        call.permission("iot:createkeysandcertificate", "*");
        for (int i = 0; i < 5; i++) {
            limiting.admit(call);
        }
        assertThatThrownBy(() -> limiting.admit(call)).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.reason()).contains("iot:Create*=0.001/5"));
        // Another caller has buckets of its own.
        call.principal("AKIDOTHER");
        limiting.admit(call);
        // An action that no selector but default names.
        call.permission("greengrass:ListCoreDevices", "*");
        for (int i = 0; i < 100; i++) {
            limiting.admit(call);
        }
        assertThatThrownBy(() -> limiting.admit(call)).isInstanceOf(RateLimited.class);
    }

    @Test
    void withoutADefault_anUnnamedActionIsNotLimited() {
        RateLimiting limiting = new RateLimiting(List.of(RateLimit.parse("iot:ListThings=1")));
        Call call = new Call("r", "control", "GET", "/greengrass/v2/coreDevices", "127.0.0.1",
                io.corelink.wire.error.ServiceFamily.GREENGRASS, 0);
        call.principal("AKIDEXAMPLE");
        call.permission("greengrass:ListCoreDevices", "*");
        for (int i = 0; i < 1_000; i++) {
            limiting.admit(call);
        }
    }

    @Test
    void sharedBucketsOutOfReach_letTheCallThrough_thenTheNodeLimitsOnItsOwn() {
        int[] asked = {0};
        RateLimiting limiting = new RateLimiting(List.of(RateLimit.parse("iot:ListThings=0.001/1")),
                (key, configuration) -> {
                    asked[0]++;
                    throw new IllegalStateException("connection refused");
                });
        Call call = new Call("r", "control", "GET", "/things", "127.0.0.1",
                io.corelink.wire.error.ServiceFamily.IOT, 0);
        call.principal("AKIDEXAMPLE");
        call.permission("iot:ListThings", "*");
        limiting.admit(call); // the database is down: let through
        limiting.admit(call); // the node's own bucket of one
        assertThatThrownBy(() -> limiting.admit(call)).isInstanceOf(RateLimited.class);
        assertThat(asked[0]).as("the shared buckets are not asked again at once").isEqualTo(1);
    }
}
