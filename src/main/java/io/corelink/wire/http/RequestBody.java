package io.corelink.wire.http;

import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request's body, at most {@link #MAX_BYTES}, for both planes. A request without {@code Content-Length} or
 * {@code Transfer-Encoding} has no body (HTTP/1.1), so a GET allocates nothing; a declared length is read exactly.
 */
public final class RequestBody {
    public static final int MAX_BYTES = 1024 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private RequestBody() {
    }

    /** @throws AwsException {@code RequestEntityTooLargeException} (413) when the body is larger than allowed */
    public static byte[] read(Request request) throws IOException {
        long declared = request.getLength();
        if (declared > MAX_BYTES) {
            throw tooLarge();
        }
        if (declared == 0 || declared < 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return EMPTY;
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(declared > 0 ? (int) declared : MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw tooLarge();
            }
            return body;
        }
    }

    private static AwsException tooLarge() {
        return new AwsException(AwsError.RequestEntityTooLargeException,
                "Request body must be no larger than " + MAX_BYTES + " bytes");
    }
}
