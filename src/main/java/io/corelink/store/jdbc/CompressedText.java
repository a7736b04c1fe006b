package io.corelink.store.jdbc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long texts that every change appends (a batch's {@code requestParameters} in the audit log, its fan-out of
 * client device names in the outbox), kept compressed: the store's columns {@code request_parameters_deflated} and
 * {@code fan_out_deflated} (named for the format they first held), next to the plain column that keeps a short text
 * as it is.
 *
 * <p>Why: on SQLite's one writer the cost of recording a change is its commit, and that grows with the pages the
 * commit writes to the WAL. A 100-entry batch's parameters (about 3 KB) took a 4 KB page of their own; compressed, a
 * page holds several, so most commits add to a page that the previous one wrote already (docs/benchmarks.md,
 * recording). Texts under {@link #THRESHOLD} bytes stay plain, readable with any SQL client: they share a page with
 * others anyway.
 *
 * <p>The format, told apart by the first byte:
 * <ul>
 *   <li>{@value #LZ4} (written now): the plain text's UTF-8 length and its XXH32 checksum (seed 0), each four bytes
 *       big-endian, then one LZ4 block. LZ4 compresses a batch's two texts five times faster than zlib at its
 *       fastest level did, for about twice the bytes (decision 0026); the checksum catches a damaged value, as zlib's
 *       did.</li>
 *   <li>a zlib stream (its first byte's low four bits are 8): written by releases before, read as it is.</li>
 * </ul>
 * LZ4 runs in lz4-java's native library where it loads, else in its pure-Java implementation: their bytes may differ,
 * and each reads the other's.
 *
 * <p>Only the SQLite store writes texts compressed ({@link JdbcStore.Dialect#compressLongTexts}): nodes of two
 * releases may share a PostgreSQL store during an upgrade, and one of the release before would read a compressed
 * text as missing. Both stores read either column.
 */
final class CompressedText {
    private static final Logger LOG = LoggerFactory.getLogger(CompressedText.class);
    /** Texts of fewer UTF-8 bytes are kept plain. */
    static final int THRESHOLD = 512;
    /** The first byte of an LZ4 value; never that of a zlib stream. */
    static final byte LZ4 = 1;
    private static final int HEADER = 9;
    private static final LZ4Factory LZ4_FACTORY = lz4();
    private static final LZ4Compressor COMPRESSOR = LZ4_FACTORY.fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4_FACTORY.safeDecompressor();
    private static final XXHash32 CHECKSUM = XXHashFactory.safeInstance().hash32();

    private CompressedText() {
    }

    /** The native implementation, else the pure-Java one (never the one on {@code sun.misc.Unsafe}). */
    private static LZ4Factory lz4() {
        try {
            return LZ4Factory.nativeInstance();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            // lz4-java reports a failed self-test of its native library as an AssertionError.
            LOG.info("LZ4's native library did not load ({}); its slower Java implementation compresses",
                    e.toString());
            return LZ4Factory.safeInstance();
        }
    }

    /**
     * The text compressed, or null when it is null, shorter than {@link #THRESHOLD} bytes, or would not be shorter
     * compressed: the caller then keeps it plain.
     */
    static byte @Nullable [] compress(@Nullable String text) {
        if (text == null || text.length() < THRESHOLD / 3) {
            return null; // a UTF-8 byte count is at most three times the UTF-16 length: surely short
        }
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        if (plain.length < THRESHOLD) {
            return null;
        }
        byte[] out = new byte[HEADER + COMPRESSOR.maxCompressedLength(plain.length)];
        int length = COMPRESSOR.compress(plain, 0, plain.length, out, HEADER, out.length - HEADER);
        if (HEADER + length >= plain.length) {
            return null;
        }
        ByteBuffer.wrap(out).put(LZ4).putInt(plain.length).putInt(CHECKSUM.hash(plain, 0, plain.length, 0));
        return java.util.Arrays.copyOf(out, HEADER + length);
    }

    /** The text that {@code compressed} holds; fails on bytes that are not a compressed text or are damaged. */
    static String decompress(byte[] compressed) {
        if (compressed.length > 0 && compressed[0] == LZ4) {
            return lz4Text(compressed);
        }
        if (compressed.length > 0 && (compressed[0] & 0x0f) == 8) {
            return inflate(compressed);
        }
        throw new IllegalStateException("a stored compressed text has an unknown format");
    }

    private static String lz4Text(byte[] compressed) {
        if (compressed.length < HEADER) {
            throw new IllegalStateException("a stored compressed text is cut short");
        }
        ByteBuffer header = ByteBuffer.wrap(compressed, 1, HEADER - 1);
        int length = header.getInt();
        int checksum = header.getInt();
        if (length < 0 || length > 255L * (compressed.length - HEADER) + 16) {
            throw new IllegalStateException("a stored compressed text is damaged: its length is impossible");
        }
        byte[] plain = new byte[length];
        int decompressed;
        try {
            decompressed = DECOMPRESSOR.decompress(compressed, HEADER, compressed.length - HEADER, plain, 0, length);
        } catch (RuntimeException e) { // LZ4Exception, or an index out of bounds in the Java implementation
            throw new IllegalStateException("a stored compressed text is damaged: it does not decompress", e);
        }
        if (decompressed != length) {
            throw new IllegalStateException("a stored compressed text is damaged: it decompresses to " + decompressed
                    + " bytes, not " + length);
        }
        if (CHECKSUM.hash(plain, 0, length, 0) != checksum) {
            throw new IllegalStateException("a stored compressed text is damaged: its checksum does not match");
        }
        return new String(plain, StandardCharsets.UTF_8);
    }

    /** A zlib stream, as releases before 0026 wrote. */
    private static String inflate(byte[] deflated) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream(deflated.length * 4);
            byte[] buffer = new byte[8_192];
            while (!inflater.finished()) {
                int inflated = inflater.inflate(buffer);
                if (inflated == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("a stored compressed text is cut short");
                }
                out.write(buffer, 0, inflated);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored compressed text is not zlib data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /**
     * The stored text: the plain column's value, else the compressed column's decompressed, else null. A compressed
     * value that cannot be read (the checksum catches a damaged one) is logged as an error naming {@code row} and read
     * as null: one damaged row must not fail every later page of the audit log, nor stop a webhook's delivery for good
     * at that row.
     */
    static @Nullable String read(@Nullable String plain, byte @Nullable [] compressed, String row) {
        if (plain != null) {
            return plain;
        }
        if (compressed == null) {
            return null;
        }
        try {
            return decompress(compressed);
        } catch (IllegalStateException e) {
            LOG.error("{} has a compressed text that cannot be read ({}); it is read as missing", row, e.getMessage());
            return null;
        }
    }
}
