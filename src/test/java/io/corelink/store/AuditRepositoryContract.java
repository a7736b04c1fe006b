package io.corelink.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.domain.audit.AuditQuery;
import io.corelink.domain.audit.AuditRecord;
import io.corelink.domain.thing.Thing;
import io.corelink.domain.thing.ThingAttributes;
import io.corelink.domain.thing.ThingName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AuditRepository} and of {@link AuditScope} (a change and its record commit together or
 * not at all), written once for every store.
 */
public interface AuditRepositoryContract {

    Store store();

    private static AuditRecord record(String id, long millis, String name, String principal) {
        return new AuditRecord(0, id, Instant.ofEpochMilli(millis), "iot.amazonaws.com", name, principal,
                "arn:aws:iam::000000000000:user/" + principal, "{\"type\":\"IAMUser\"}", "127.0.0.1", "agent",
                "request-" + id, false, null, null, "{\"thingName\":\"" + id + "\"}");
    }

    private List<AuditRecord> found(AuditQuery query, Long before, int limit) {
        return store().read(tx -> tx.audit().find(query, before, limit));
    }

    private List<String> ids(AuditQuery query, Long before, int limit) {
        return found(query, before, limit).stream().map(AuditRecord::eventId).toList();
    }

    @Test
    default void find_isNewestFirst_filtered_andPagedByPosition() {
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(record("e" + i, 1_000 + i * 10, i % 2 == 0 ? "CreateThing" : "DeleteThing",
                    i < 5 ? "AKIDALICE" : "AKIDBOB"));
        }
        records.add(record("e9b", 1_090, "CreateThing", "AKIDBOB")); // same millisecond as e9: stored after it
        store().write(tx -> {
            tx.audit().append(records);
            return null;
        });

        List<AuditRecord> newest = found(AuditQuery.ALL, null, 4);
        assertThat(newest).extracting(AuditRecord::eventId).containsExactly("e9b", "e9", "e8", "e7");
        assertThat(ids(AuditQuery.ALL, newest.get(1).sequence(), 2)).containsExactly("e8", "e7");
        assertThat(ids(new AuditQuery(null, null, "CreateThing", null), null, 10))
                .containsExactly("e9b", "e8", "e6", "e4", "e2", "e0");
        assertThat(ids(new AuditQuery(null, null, null, "AKIDALICE"), null, 10))
                .containsExactly("e4", "e3", "e2", "e1", "e0");
        assertThat(ids(new AuditQuery(null, null, "DeleteThing", "arn:aws:iam::000000000000:user/AKIDBOB"), null, 10))
                .containsExactly("e9", "e7", "e5");
        List<AuditRecord> window = found(new AuditQuery(Instant.ofEpochMilli(1_020), Instant.ofEpochMilli(1_040),
                null, null), null, 10);
        assertThat(window).extracting(AuditRecord::eventId).containsExactly("e4", "e3", "e2");
        assertThat(ids(new AuditQuery(Instant.ofEpochMilli(1_020), Instant.ofEpochMilli(1_040), null, null),
                window.get(1).sequence(), 10)).containsExactly("e2");

        AuditRecord read = newest.get(0);
        AuditRecord written = records.get(10);
        assertThat(read.sequence()).isPositive();
        assertThat(new AuditRecord(0, read.eventId(), read.eventTime(), read.eventSource(), read.eventName(),
                read.principal(), read.principalArn(), read.userIdentity(), read.sourceIp(), read.userAgent(),
                read.requestId(), read.readOnly(), read.errorCode(), read.errorMessage(), read.requestParameters()))
                .isEqualTo(written);
        AuditRecord refused = new AuditRecord(0, "refused", Instant.ofEpochMilli(2_000), "iam.amazonaws.com",
                "CreateUser", "-", "-", "{\"type\":\"Unknown\"}", "10.0.0.1", "-", "r", true, "InvalidClientTokenId",
                "The security token included in the request is invalid.", null);
        store().write(tx -> {
            tx.audit().append(List.of(refused));
            return null;
        });
        AuditRecord readRefused = found(AuditQuery.ALL, null, 1).get(0);
        assertThat(readRefused.readOnly()).isTrue();
        assertThat(readRefused.errorCode()).isEqualTo("InvalidClientTokenId");
        assertThat(readRefused.requestParameters()).isNull();
    }

    @Test
    default void deleteOlderThan_deletesOnlyOlderRecords_inChunks() {
        store().write(tx -> {
            tx.audit().append(List.of(record("a", 100, "X", "P"), record("b", 200, "X", "P"),
                    record("c", 300, "X", "P")));
            return null;
        });
        assertThat(store().<Integer>write(tx -> tx.audit().deleteOlderThan(Instant.ofEpochMilli(300), 1)))
                .isEqualTo(1);
        assertThat(store().<Integer>write(tx -> tx.audit().deleteOlderThan(Instant.ofEpochMilli(300), 10)))
                .isEqualTo(1);
        assertThat(ids(AuditQuery.ALL, null, 10)).containsExactly("c");
    }

    @Test
    default void aScopedWrite_commitsItsRecord_andARolledBackOneLeavesNone() {
        ThingName thing = ThingName.of("audited-thing");
        try (AuditScope scope = AuditScope.open(() -> record("rolled-back", 5_000, "CreateThing", "AKIDALICE"))) {
            assertThatThrownBy(() -> store().write(tx -> {
                tx.things().insertIfAbsent(new Thing(thing, "id-1", ThingAttributes.of(java.util.Map.of()), 1, Instant.EPOCH));
                throw new IllegalStateException("the change fails after its rows were written");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(scope.recorded()).isFalse();
        }
        assertThat(ids(AuditQuery.ALL, null, 10)).isEmpty();
        assertThat(store().<Optional<?>>read(tx -> tx.things().find(thing))).isEmpty();

        try (AuditScope scope = AuditScope.open(() -> record("committed", 6_000, "CreateThing", "AKIDALICE"))) {
            store().write(tx -> {
                tx.things().insertIfAbsent(new Thing(thing, "id-1", ThingAttributes.of(java.util.Map.of()), 1, Instant.EPOCH));
                return null;
            });
            assertThat(scope.recorded()).isTrue();
            store().write(tx -> tx.settings().putIfAbsent("after", "x")); // a second write of the request: no record
        }
        store().write(tx -> tx.settings().putIfAbsent("unscoped", "x"));
        assertThat(ids(AuditQuery.ALL, null, 10)).containsExactly("committed");
    }

    @Test
    default void aBatchsLongParameters_readBackAsWritten_whetherAppendedOrCarriedByItsChange() {
        StringBuilder json = new StringBuilder("{\"coreDeviceThingName\":\"gateway\",\"entries\":[");
        for (int i = 0; i < 100; i++) {
            json.append(i == 0 ? "" : ",").append("{\"thingName\":\"sensor-").append(i).append("-ü\"}");
        }
        String parameters = json.append("]}").toString();
        AuditRecord appended = new AuditRecord(0, "appended", Instant.ofEpochMilli(7_000), "greengrass.amazonaws.com",
                "BatchAssociateClientDeviceWithCoreDevice", "AKIDALICE", "arn", "{}", "127.0.0.1", "agent", "r1",
                false, null, null, parameters);
        store().write(tx -> {
            tx.audit().append(List.of(appended));
            return null;
        });
        AuditRecord carried = new AuditRecord(0, "carried", Instant.ofEpochMilli(8_000), "greengrass.amazonaws.com",
                "BatchAssociateClientDeviceWithCoreDevice", "AKIDALICE", "arn", "{}", "127.0.0.1", "agent", "r2",
                false, null, null, parameters.replace("sensor", "probe"));
        try (AuditScope scope = AuditScope.open(() -> carried)) {
            store().write(tx -> tx.settings().putIfAbsent("carried", "x"));
        }
        assertThat(found(AuditQuery.ALL, null, 10)).extracting(AuditRecord::eventId, AuditRecord::requestParameters)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("carried", carried.requestParameters()),
                        org.assertj.core.groups.Tuple.tuple("appended", parameters));
    }
}
