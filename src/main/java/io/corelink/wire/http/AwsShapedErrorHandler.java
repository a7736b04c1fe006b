package io.corelink.wire.http;

import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Renders the errors Jetty raises itself (a malformed request line, an ambiguous URI, headers too large) as AWS-shaped
 * JSON instead of Jetty's HTML page, without any stack trace.
 */
public final class AwsShapedErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        // A request Jetty could not parse (an unknown HTTP version, HTTP/0.9) is the client's fault: a 400, never
        // the 505 or 500 Jetty would send, which AWS clients would retry as a server fault.
        int status = code == 505 ? 400 : code;
        AwsException error = errorFor(status);
        String requestId = RequestIds.next();
        response.setStatus(status);
        response.getHeaders().put(ResponseWriter.REQUEST_ID, requestId);
        response.getHeaders().put(ResponseWriter.ERROR_TYPE, error.error().shapeName());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(ResponseWriter.errorBody(error)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        AwsException error = errorFor(status);
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(ResponseWriter.ERROR_TYPE, error.error().shapeName());
        return ByteBuffer.wrap(ResponseWriter.errorBody(error));
    }

    private static AwsException errorFor(int status) {
        if (status == 404) {
            return new AwsException(AwsError.UnknownOperationException, "No operation matches this request");
        }
        if (status == 413) {
            return new AwsException(AwsError.RequestEntityTooLargeException, "Request is too large");
        }
        if (status == 415) {
            return new AwsException(AwsError.UnsupportedMediaTypeException, "Unsupported Media Type");
        }
        if (status >= 500) {
            return new AwsException(AwsError.InternalServerException, "An internal error occurred.");
        }
        return new AwsException(AwsError.ValidationException, "The request could not be parsed (HTTP " + status + ")",
                java.util.Map.of("reason", "CANNOT_PARSE"));
    }
}
