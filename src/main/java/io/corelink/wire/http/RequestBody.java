package io.corelink.wire.http;

import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.thread.Scheduler;
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
        // restart the idle timeout and keep this thread): past it, the connection is closed.
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        Scheduler.Task deadline = request.getComponents().getScheduler().schedule(endPoint::close,
                deadlineMillis(declared), TimeUnit.MILLISECONDS);
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(declared > 0 ? (int) declared : MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw tooLarge();
            }
            return body;
        } finally {
            deadline.cancel();
        }
    }

    /** {@link #BASE_DEADLINE_MS}, plus the time the body takes at {@link #MIN_BYTES_PER_SECOND}. */
    static long deadlineMillis(long declaredLength) {
        long length = declaredLength < 0 ? MAX_BYTES : declaredLength;
        return BASE_DEADLINE_MS + length * 1000 / MIN_BYTES_PER_SECOND;
    }

    private static AwsException tooLarge() {
        return new AwsException(AwsError.RequestEntityTooLargeException,
                "Request body must be no larger than " + MAX_BYTES + " bytes");
    }
}
