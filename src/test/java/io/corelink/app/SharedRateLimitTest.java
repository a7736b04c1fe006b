package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.testing.RawClient;
import io.corelink.testing.TestPostgres;
import io.corelink.wire.pipeline.RateLimit;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a PostgreSQL deployment a rate limit is the deployment's (operations.md §1): two nodes draw from one bucket per
 * caller, kept in the shared store.
 */
class SharedRateLimitTest {
    private static final String KEY = "AKIASHAREDLIMITS0001";
    private static final String SECRET = "shared-limits-secret-000000000000000000";
    private static CorelinkServer nodeA;
    private static CorelinkServer nodeB;

    @TempDir
    static Path dirs;

    @BeforeAll
    static void start() {
        String url = TestPostgres.newDatabase();
        nodeA = node(url, "a");
        nodeB = node(url, "b");
    }

    private static CorelinkServer node(String url, String name) {
        return PostgresNodes.start(dirs, name, url, KEY, SECRET, config -> config.withRateLimits(List.of(
                RateLimit.parse("iot:ListThings=0.1/2"), RateLimit.parse("iot:*=1000"))));
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
    }

    private static RawClient raw(CorelinkServer node) {
        return RawClient.forTest(URI.create("http://127.0.0.1:" + node.controlPlanePort()), KEY, SECRET, "us-east-1");
    }

    @Test
    void bothNodes_drawFromOneBucketPerCaller() {
        assertThat(raw(nodeA).request("GET", "/things").send().status()).isEqualTo(200);
        assertThat(raw(nodeB).request("GET", "/things").send().status()).isEqualTo(200);
        // The bucket of two is empty now, whichever node is asked.
        RawClient.RawResponse onA = raw(nodeA).request("GET", "/things").send();
        RawClient.RawResponse onB = raw(nodeB).request("GET", "/things").send();
        assertThat(onA.status()).isEqualTo(400);
        assertThat(onA.header("x-amzn-ErrorType")).isEqualTo("ThrottlingException");
        assertThat(onB.status()).isEqualTo(400);
        // Another action's selector has a bucket of its own.
        assertThat(raw(nodeB).request("GET", "/certificates").send().status()).isEqualTo(200);
    }
}
