package io.corelink.wire.http;

import io.corelink.wire.error.AwsException;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes responses: {@code x-amzn-RequestId} on every answer (Jetty adds {@code Date}); restJson1 answers as
 * {@code application/json}, errors with {@code x-amzn-ErrorType} and a {@code {"message": …, <members>}} body; the
 * query services' answers and errors as {@code text/xml} ({@link QueryXml}); server faults {@code Retry-After: 1}.
 * This is the one error renderer of both planes.
 */
public final class ResponseWriter {
    public static final String REQUEST_ID = "x-amzn-RequestId";
    public static final String ERROR_TYPE = "x-amzn-ErrorType";

    private ResponseWriter() {
    }

    public static void success(Response response, String requestId, ApiResponse answer, Callback callback) {
        response.setStatus(answer.status());
        response.getHeaders().put(REQUEST_ID, requestId);
        if (answer.body() == null) {
            response.write(true, null, callback);
            return;
        }
        if (answer.body() instanceof XmlBody xml) {
            write(response, "text/xml", xml.bytes(), callback);
            return;
        }
        if (answer.body() instanceof StreamBody stream) {
            stream(response, stream, callback);
            return;
        }
        json(response, answer.body() instanceof byte[] bytes ? bytes : Json.write(answer.body()), callback);
    }

    /** An XML answer of the AWS query protocol (IAM, STS), serialised once. */
    public record XmlBody(byte[] bytes) {
    }

    /**
     * A body written piece by piece while the request runs (Server-Sent Events): {@code writer} sends text until it
     * returns, or until sending fails because the client went away.
     */
    public record StreamBody(String contentType, StreamWriter writer) {
    }

    /** Writes a streamed body. */
    @FunctionalInterface
    public interface StreamWriter {
        /** @throws IOException when the client is gone; the stream then ends */
        void writeTo(TextSink sink) throws IOException, InterruptedException;
    }

    /** Sends text to the client at once (blocking until it is written). */
    @FunctionalInterface
    public interface TextSink {
        void send(String text) throws IOException;
    }

    private static void stream(Response response, StreamBody body, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, body.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        try {
            body.writer().writeTo(text -> {
                try (Blocker.Callback written = Blocker.callback()) {
                    response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), written);
                    written.block();
                }
            });
            response.write(true, null, callback);
        } catch (IOException | RuntimeException e) {
            // The answer is under way: a failure (the client gone, the store unreachable) can only end it.
            callback.failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        }
    }

    /** Renders an error of {@code family}: JSON for Greengrass and IoT, the query protocol's XML for IAM and STS. */
    public static void error(Response response, String requestId, ServiceFamily family, AwsException error,
                             Callback callback) {
        response.setStatus(error.error().status());
        response.getHeaders().put(REQUEST_ID, requestId);
        if (error.retryAfterSeconds() > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(error.retryAfterSeconds()));
        } else if (error.error().isServerFault()) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        if (family.isQuery()) {
            write(response, "text/xml", QueryXml.error(family, error.error(), error.getMessage(), requestId),
                    callback);
            return;
        }
        response.getHeaders().put(ERROR_TYPE, error.error().shapeName());
        json(response, errorBody(error), callback);
    }

    /** The JSON body of an error: its message, then the modelled members. */
    public static byte[] errorBody(AwsException error) {
        ObjectNode body = Json.object();
        body.put("message", error.getMessage());
        for (Map.Entry<String, Object> member : error.members().entrySet()) {
            body.putPOJO(member.getKey(), member.getValue());
        }
        return Json.write(body);
    }

    private static void json(Response response, byte[] bytes, Callback callback) {
        write(response, "application/json", bytes, callback);
    }

    private static void write(Response response, String contentType, byte[] bytes, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
