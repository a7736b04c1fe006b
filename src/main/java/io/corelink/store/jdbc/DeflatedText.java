package io.corelink.store.jdbc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long texts that every change appends (a batch's {@code requestParameters} in the audit log, its fan-out of
 * client device names in the outbox), kept zlib-deflated: the store's columns {@code request_parameters_deflated}
 * and {@code fan_out_deflated}, next to the plain column that keeps a short text as it is.
 *
 * <p>Why: on SQLite's one writer the cost of recording a change is its commit, and that grows with the pages the
 * commit writes to the WAL. A 100-entry batch's parameters (about 3 KB) took a 4 KB page of their own; deflated, a
 * page holds several, so most commits add to a page that the previous one wrote already (docs/benchmarks.md,
 * recording). Texts under {@link #THRESHOLD} bytes stay plain, readable with any SQL client: they share a page with
 * others anyway.
 *
 * <p>Deflating uses the fastest level, with deflaters kept in a small pool (a deflater holds a few hundred KB of
 * native memory, too much for one per request thread).
 *
 * <p>Only the SQLite store writes texts deflated ({@link JdbcStore.Dialect#deflateLongTexts}): nodes of two releases
 * may share a PostgreSQL store during an upgrade, and one of the release before would read a deflated text as
 * missing. Both stores read either column.
 */
final class DeflatedText {
    private static final Logger LOG = LoggerFactory.getLogger(DeflatedText.class);
    /** Texts of fewer UTF-8 bytes are kept plain. */
    static final int THRESHOLD = 512;
    private static final BlockingQueue<Deflater> DEFLATERS = new ArrayBlockingQueue<>(8);

    private DeflatedText() {
    }

    /**
     * The text deflated, or null when it is null, shorter than {@link #THRESHOLD} bytes, or would not be shorter
     * deflated: the caller then keeps it plain.
     */
    static byte @Nullable [] deflate(@Nullable String text) {
        if (text == null || text.length() < THRESHOLD / 3) {
            return null; // a UTF-8 byte count is at most three times the UTF-16 length: surely short
        }
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        if (plain.length < THRESHOLD) {
            return null;
        }
        Deflater deflater = DEFLATERS.poll();
        if (deflater == null) {
            deflater = new Deflater(Deflater.BEST_SPEED);
        }
        try {
            deflater.setInput(plain);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2);
            byte[] buffer = new byte[Math.min(plain.length, 8_192)];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
                if (out.size() >= plain.length) {
                    return null;
                }
            }
            return out.toByteArray();
        } finally {
            deflater.reset();
            if (!DEFLATERS.offer(deflater)) {
                deflater.end();
            }
        }
    }

    /** The text that {@link #deflate} made {@code deflated} of; fails on bytes it did not make. */
    static String inflate(byte[] deflated) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream(deflated.length * 4);
            byte[] buffer = new byte[8_192];
            while (!inflater.finished()) {
                int inflated = inflater.inflate(buffer);
                if (inflated == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("a stored deflated text is cut short");
                }
                out.write(buffer, 0, inflated);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored deflated text is not zlib data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /**
     * The stored text: the plain column's value, else the deflated column's inflated, else null. A deflated value
     * that cannot be inflated (zlib's checksum catches a damaged one) is logged as an error naming {@code row} and
     * read as null: one damaged row must not fail every later page of the audit log, nor stop a webhook's delivery
     * for good at that row.
     */
    static @Nullable String read(@Nullable String plain, byte @Nullable [] deflated, String row) {
        if (plain != null) {
            return plain;
        }
        if (deflated == null) {
            return null;
        }
        try {
            return inflate(deflated);
        } catch (IllegalStateException e) {
            LOG.error("{} has a deflated text that cannot be read ({}); it is read as missing", row, e.getMessage());
            return null;
        }
    }
}
