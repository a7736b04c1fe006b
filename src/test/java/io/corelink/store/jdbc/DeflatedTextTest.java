package io.corelink.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.domain.audit.AuditQuery;
import io.corelink.domain.audit.AuditRecord;
import io.corelink.domain.event.ChangeEvent;
import io.corelink.domain.event.StoredChange;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.AuditScope;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The long texts of the audit log and the outbox: deflated from {@link DeflatedText#THRESHOLD} bytes, on a real file. */
class DeflatedTextTest {
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
    void aShortTextStaysPlain_aLongOneDeflatesShorter_andInflatesToTheSameText() {
        assertThat(DeflatedText.deflate(null)).isNull();
        assertThat(DeflatedText.deflate("x".repeat(DeflatedText.THRESHOLD - 1))).isNull();
        // 171 characters of two UTF-8 bytes each: the byte count decides, not the length.
        String twoByteCharacters = "é".repeat(DeflatedText.THRESHOLD / 2);
        assertThat(DeflatedText.deflate(twoByteCharacters)).isNotNull();

        String parameters = batchParameters(100);
        byte[] deflated = DeflatedText.deflate(parameters);
        assertThat(deflated).isNotNull();
        assertThat(deflated.length).isLessThan(parameters.length() / 4);
        assertThat(DeflatedText.inflate(deflated)).isEqualTo(parameters);
        assertThat(DeflatedText.read(null, deflated, "row 1")).isEqualTo(parameters);
        assertThat(DeflatedText.read("plain", null, "row 2")).isEqualTo("plain");
        assertThat(DeflatedText.read(null, null, "row 3")).isNull();
    }

    @Test
    void bytesItDidNotMake_failClearly_andAreReadAsMissing() {
        byte[] deflated = DeflatedText.deflate(batchParameters(50));
        assertThat(deflated).isNotNull();
        assertThatThrownBy(() -> DeflatedText.inflate(Arrays.copyOf(deflated, deflated.length / 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> DeflatedText.inflate("not zlib at all".getBytes()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not zlib data");
        // A damaged row is read as missing (and logged), not failing every read that reaches it.
        assertThat(DeflatedText.read(null, Arrays.copyOf(deflated, deflated.length / 2), "row 4")).isNull();
    }

    @Test
    void sqliteKeepsALongRecordsParametersAndALongFanOutDeflated_andAShortOnePlain() throws Exception {
        String parameters = batchParameters(100);
        List<ThingName> clients = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            clients.add(ThingName.of("sensor-" + i + "-of-site-7"));
        }
        Instant at = Instant.ofEpochMilli(1_000);
        JdbcStore store = (JdbcStore) SqliteStore.open(dir.resolve("deflated.db"));
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

        try (Connection jdbc = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("deflated.db"));
             Statement statement = jdbc.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT request_parameters, "
                    + "length(request_parameters_deflated) FROM audit_event ORDER BY id")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isNull();
                assertThat(rows.getInt(2)).isPositive().isLessThan(parameters.length() / 4);
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
