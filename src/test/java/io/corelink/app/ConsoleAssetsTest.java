package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The console's files on the control plane: unsigned, from the jar, with their types and a strict CSP. */
class ConsoleAssetsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void filesAreServedUnsigned_withTheirTypes_andEverythingElseUnderConsoleIsNot() throws Exception {
        try (TestServer server = TestServer.start()) {
            URI base = server.endpoint();
            HttpResponse<String> page = get(base, "/console/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("content-security-policy").orElseThrow())
                    .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'",
                            "frame-ancestors 'none'");
            assertThat(page.headers().firstValue("x-content-type-options")).contains("nosniff");
            assertThat(page.body()).contains("<meta name=\"corelink-region\" content=\"us-east-1\">")
                    .doesNotContain("{{region}}").doesNotContain("http://").doesNotContain("https://");
            assertThat(get(base, "/console/sigv4.js").headers().firstValue("content-type"))
                    .contains("text/javascript; charset=utf-8");
            assertThat(get(base, "/console/console.css").headers().firstValue("content-type"))
                    .contains("text/css; charset=utf-8");
            HttpResponse<String> bare = get(base, "/console");
            assertThat(bare.statusCode()).isEqualTo(301);
            assertThat(bare.headers().firstValue("location")).contains("/console/");
            assertThat(get(base, "/console/../admin-credentials").statusCode()).isEqualTo(404);
            assertThat(get(base, "/console/secret.txt").statusCode()).isEqualTo(404);
            HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(base.resolve("/console/"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            // Everything else still needs a signature.
            assertThat(get(base, "/things").statusCode()).isEqualTo(403);
        }
    }

    private static HttpResponse<String> get(URI base, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
