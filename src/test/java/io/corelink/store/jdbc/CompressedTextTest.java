package io.corelink.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.domain.audit.AuditQuery;
import io.corelink.domain.audit.AuditRecord;
import io.corelink.domain.event.ChangeEvent;
import io.corelink.domain.event.StoredChange;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.AuditScope;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long texts of the audit log and the outbox: compressed from {@link CompressedText#THRESHOLD} bytes (LZ4 with a
 * checksum), the zlib texts of the releases before still read, on a real file.
 */
class CompressedTextTest {
    @TempDir
    Path dir;

    private static String batchParameters(int entries) {
        StringBuilder json = new StringBuilder("{\"coreDeviceThingName\":\"site-7-gateway\",\"entries\":[");
        for (int i = 0; i < entries; i++) {
            json.append(i == 0 ? "" : ",").append("{\"thingName\":\"sensor-").append(i).append("-é\"}");
        }
        return json.append("]}").toString();
    }

    @Test
    void aShortTextStaysPlain_aLongOneCompressesShorter_andReadsBackTheSameText() {
        assertThat(CompressedText.compress(null)).isNull();
        assertThat(CompressedText.compress("x".repeat(CompressedText.THRESHOLD - 1))).isNull();
        // 256 characters of two UTF-8 bytes each: the byte count decides, not the length.
        String twoByteCharacters = "é".repeat(CompressedText.THRESHOLD / 2);
        byte[] twoBytes = CompressedText.compress(twoByteCharacters);
        assertThat(twoBytes).isNotNull();
        assertThat(CompressedText.decompress(twoBytes)).isEqualTo(twoByteCharacters);
        // Text that LZ4 cannot shorten stays plain.
        StringBuilder random = new StringBuilder();
        java.util.Random digits = new java.util.Random(7);
        while (random.length() < 2 * CompressedText.THRESHOLD) {
            random.append((char) ('!' + digits.nextInt(90)));
        }
        assertThat(CompressedText.compress(random.toString())).isNull();

        String parameters = batchParameters(100);
        byte[] compressed = CompressedText.compress(parameters);
        assertThat(compressed).isNotNull();
        assertThat(compressed[0]).isEqualTo(CompressedText.LZ4);
        assertThat(compressed.length).isLessThan(parameters.length() / 3);
        assertThat(CompressedText.decompress(compressed)).isEqualTo(parameters);
        assertThat(CompressedText.read(null, compressed, "row 1")).isEqualTo(parameters);
        assertThat(CompressedText.read("plain", null, "row 2")).isEqualTo("plain");
        assertThat(CompressedText.read(null, null, "row 3")).isNull();
    }

    @Test
    void aZlibTextOfAReleaseBefore_isReadAsItWasWritten() {
        String parameters = batchParameters(100);
        byte[] plain = parameters.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        deflater.setInput(plain);
        deflater.finish();
        byte[] buffer = new byte[plain.length];
        byte[] deflated = Arrays.copyOf(buffer, deflater.deflate(buffer));
        deflater.end();

        assertThat(CompressedText.decompress(deflated)).isEqualTo(parameters);
        assertThat(CompressedText.read(null, deflated, "row 5")).isEqualTo(parameters);
        assertThatThrownBy(() -> CompressedText.decompress(Arrays.copyOf(deflated, deflated.length / 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cut short");
    }

    @Test
    void lz4BytesOfEitherImplementation_readTheSame() {
        String parameters = batchParameters(80);
        byte[] plain = parameters.getBytes(StandardCharsets.UTF_8);
        byte[] mine = CompressedText.compress(parameters);
        assertThat(mine).isNotNull();
        // The same layout made by lz4-java's pure-Java compressor (a node where the native library did not load).
        LZ4Compressor java = LZ4Factory.safeInstance().fastCompressor();
        byte[] block = java.compress(plain);
        byte[] theirs = ByteBuffer.allocate(9 + block.length).put(CompressedText.LZ4).putInt(plain.length)
                .putInt(XXHashFactory.safeInstance().hash32().hash(plain, 0, plain.length, 0)).put(block).array();
        assertThat(CompressedText.decompress(theirs)).isEqualTo(parameters);
        assertThat(CompressedText.decompress(mine)).isEqualTo(parameters);
    }

    @Test
    void bytesItDidNotMakeOrDamaged_failClearly_andAreReadAsMissing() {
        byte[] compressed = CompressedText.compress(batchParameters(50));
        assertThat(compressed).isNotNull();
        assertThatThrownBy(() -> CompressedText.decompress(Arrays.copyOf(compressed, 5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> CompressedText.decompress(Arrays.copyOf(compressed, compressed.length / 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged: it does not decompress");
        // An LZ4 block ends in literals: one of them changed still decodes, to the same length; the checksum catches
        // it.
        byte[] flipped = compressed.clone();
        flipped[flipped.length - 3] ^= 0x20;
        assertThatThrownBy(() -> CompressedText.decompress(flipped))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged: its checksum does not match")
                .hasNoCause();
        // A damaged length: never a huge allocation, never another exception than the one read() handles.
        for (int length : new int[] {Integer.MAX_VALUE, -1}) {
            byte[] lengthDamaged = compressed.clone();
            ByteBuffer.wrap(lengthDamaged).putInt(1, length);
            assertThatThrownBy(() -> CompressedText.decompress(lengthDamaged))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged: its length is impossible");
            assertThat(CompressedText.read(null, lengthDamaged, "row 6")).isNull();
        }
        int trueLength = ByteBuffer.wrap(compressed).getInt(1);
        byte[] longer = compressed.clone();
        ByteBuffer.wrap(longer).putInt(1, trueLength + 1);
        assertThatThrownBy(() -> CompressedText.decompress(longer))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("decompresses to " + trueLength
                        + " bytes, not " + (trueLength + 1));
        assertThatThrownBy(() -> CompressedText.decompress("not compressed at all".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown format");
        assertThatThrownBy(() -> CompressedText.decompress(new byte[0]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown format");
        // A damaged row is read as missing (and logged), not failing every read that reaches it.
        assertThat(CompressedText.read(null, flipped, "row 4")).isNull();
    }

    @Test
    void sqliteKeepsALongRecordsParametersAndALongFanOutCompressed_andAShortOnePlain() throws Exception {
        String parameters = batchParameters(100);
        List<ThingName> clients = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            clients.add(ThingName.of("sensor-" + i + "-of-site-7"));
        }
        Instant at = Instant.ofEpochMilli(1_000);
        JdbcStore store = (JdbcStore) SqliteStore.open(dir.resolve("compressed.db"));
        try {
            for (String text : List.of(parameters, "{\"thingName\":\"one\"}")) {
                AuditRecord record = new AuditRecord(0, "e-" + text.length(), at, "greengrass.amazonaws.com",
                        "BatchAssociateClientDeviceWithCoreDevice", "AKIDEXAMPLE", "arn:aws:iam::1:user/a", "{}",
                        "127.0.0.1", "agent", "r", false, null, null, text);
                try (AuditScope scope = AuditScope.open(() -> record)) {
                    store.write(tx -> {
                        tx.events().append(List.of(ChangeEvent.associations(ChangeEvent.Operation.ASSOCIATED,
                                ThingName.of("site-7-gateway"), text == parameters ? clients : clients.subList(0, 2),
                                at)));
                        return null;
                    });
                    assertThat(scope.recorded()).isTrue();
                }
            }
            assertThat(store.<List<AuditRecord>>read(tx -> tx.audit().find(AuditQuery.ALL, null, 10)))
                    .extracting(AuditRecord::requestParameters)
                    .containsExactly("{\"thingName\":\"one\"}", parameters);
            store.sequenceChanges();
            List<StoredChange> changes = store.<List<StoredChange>>read(tx -> tx.events().after(0, 10));
            assertThat(changes.get(0).fanOut()).containsExactlyElementsOf(clients.stream().map(ThingName::value)
                    .toList());
            assertThat(changes.get(1).fanOut()).containsExactly("sensor-0-of-site-7", "sensor-1-of-site-7");
        } finally {
            store.close();
        }

        try (Connection jdbc = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("compressed.db"));
             Statement statement = jdbc.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT request_parameters, "
                    + "length(request_parameters_deflated) FROM audit_event ORDER BY id")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isNull();
                assertThat(rows.getInt(2)).isPositive().isLessThan(parameters.length() / 3);
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("{\"thingName\":\"one\"}");
                assertThat(rows.getObject(2)).isNull();
            }
            try (ResultSet rows = statement.executeQuery("SELECT fan_out, fan_out_deflated IS NULL FROM change_event "
                    + "ORDER BY id")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isNull();
                assertThat(rows.getBoolean(2)).isFalse();
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("sensor-0-of-site-7\nsensor-1-of-site-7");
                assertThat(rows.getBoolean(2)).isTrue();
            }
        }
    }

    @Test
    void postgresqlKeepsLongTextsPlain_forANodeOfTheReleaseBeforeThatSharesTheDatabase() throws Exception {
        String parameters = batchParameters(100);
        String url = io.corelink.testing.TestPostgres.newDatabase();
        io.corelink.store.Store store = io.corelink.store.jdbc.PostgresStore.open(url, "postgres", null);
        try {
            AuditRecord record = new AuditRecord(0, "pg", Instant.ofEpochMilli(1_000), "greengrass.amazonaws.com",
                    "BatchAssociateClientDeviceWithCoreDevice", "AKIDEXAMPLE", "arn", "{}", "127.0.0.1", "agent",
                    "r", false, null, null, parameters);
            store.write(tx -> {
                tx.audit().append(List.of(record));
                return null;
            });
        } finally {
            store.close();
        }
        try (Connection jdbc = DriverManager.getConnection(url, "postgres", "");
             Statement statement = jdbc.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT request_parameters, request_parameters_deflated FROM audit_event")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(parameters);
            assertThat(rows.getBytes(2)).isNull();
        }
    }
}
