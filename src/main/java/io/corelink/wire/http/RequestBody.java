package io.corelink.wire.http;

import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request's body, at most {@link #MAX_BYTES}, for both planes. A request without {@code Content-Length} or
 * {@code Transfer-Encoding} has no body (HTTP/1.1), so a GET allocates nothing; a declared length is read exactly. A
 * body that does not arrive within its deadline (10 s, plus 1 s for every 8 KiB) has its connection closed.
 */
public final class RequestBody {
    public static final int MAX_BYTES = 1024 * 1024;
    static final long BASE_DEADLINE_MS = 10_000;
    static final long MIN_BYTES_PER_SECOND = 8 * 1024;
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
        // A body must arrive within its deadline, however slowly its bytes trickle in (each byte would otherwise
        // restart the idle timeout and keep this thread): checked after every read, so a read blocks at most one idle
        // timeout past it, and then the connection is closed. No timer per request: the hot path stays a plain read.
        long deadline = System.nanoTime() + deadlineMillis(declared) * 1_000_000;
        int limit = declared > 0 ? (int) declared : MAX_BYTES + 1;
        byte[] buffer = new byte[declared > 0 ? (int) declared : 8192];
        int filled = 0;
        try (InputStream in = Content.Source.asInputStream(request)) {
            while (filled < limit) {
                if (filled == buffer.length) {
                    buffer = java.util.Arrays.copyOf(buffer, Math.min(limit, buffer.length * 2));
                }
                int read = in.read(buffer, filled, buffer.length - filled);
                if (read < 0) {
                    break;
                }
                filled += read;
                if (filled < limit && System.nanoTime() - deadline > 0) {
                    request.getConnectionMetaData().getConnection().getEndPoint().close();
                    throw new DeadlinePassed();
                }
            }
        }
        if (filled > MAX_BYTES) {
            throw tooLarge();
        }
        return filled == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, filled);
    }

    /** {@link #BASE_DEADLINE_MS}, plus the time the body takes at {@link #MIN_BYTES_PER_SECOND}. */
    static long deadlineMillis(long declaredLength) {
        long length = declaredLength < 0 ? MAX_BYTES : declaredLength;
        return BASE_DEADLINE_MS + length * 1000 / MIN_BYTES_PER_SECOND;
    }

    /** The body did not arrive within its deadline; the connection is closed. */
    public static final class DeadlinePassed extends EofException {
        private static final long serialVersionUID = 1L;

        DeadlinePassed() {
            super("the request body did not arrive within its deadline");
        }
    }

    private static AwsException tooLarge() {
        return new AwsException(AwsError.RequestEntityTooLargeException,
                "Request body must be no larger than " + MAX_BYTES + " bytes");
    }
}
