package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.testing.Eventually;
import io.corelink.testing.RawClient.RawResponse;
import io.corelink.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Shutdown stops accepting but lets a request that is being processed finish and answer. */
class GracefulShutdownTest {

    @Test
    void aRequestInProcessingWhenShutdownStarts_stillGetsItsAnswer() throws Exception {
        TestServer server = TestServer.start();
        CompletableFuture<RawResponse> answer;
        CompletableFuture<Void> closing;
        // Holding SQLite's write lock from outside keeps the server's CreateThing waiting inside its transaction.
        try (Connection blocker = DriverManager.getConnection("jdbc:sqlite:" + server.databaseFile());
             Statement statement = blocker.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            answer = CompletableFuture.supplyAsync(() -> server.raw().request("POST", "/things/in-flight").body("{}")
                    .send());
            assertThat(Eventually.until(server.server()::requestsInProgress, n -> n == 1))
                    .as("the request reaches the server (where it waits for the store the test holds)").isEqualTo(1);
            closing = CompletableFuture.runAsync(server::close);
            Thread.sleep(500);
            assertThat(answer).as("the request waits for the store").isNotDone();
            assertThat(closing).as("close waits for the request").isNotDone();
            statement.execute("COMMIT");
        }
        RawResponse response = answer.get(10, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"thingName\":\"in-flight\"");
        closing.get(CorelinkServer.STOP_TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
    }
}
