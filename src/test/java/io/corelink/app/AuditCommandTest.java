package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.domain.audit.AuditQuery;
import io.corelink.domain.audit.AuditRecord;
import io.corelink.service.AuditLog;
import io.corelink.store.Store;
import io.corelink.store.jdbc.SqliteStore;
import io.corelink.testing.MutableClock;
import io.corelink.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;

/** {@code corelink audit} against a running server, and the audit log's retention (operations.md §3). */
class AuditCommandTest {
    @TempDir
    Path tmp;

    @Test
    void audit_listsNewestFirst_filters_pages_andPrintsJson() {
        try (TestServer server = TestServer.start(); IotClient iot = server.iot()) {
            for (int i = 0; i < 3; i++) {
                int n = i;
                iot.createThing(r -> r.thingName("cli-audit-" + n).attributePayload(a -> a.attributes(
                        Map.of("n", Integer.toString(n)))));
            }
            String[] connection = {"--endpoint", server.endpoint().toString(), "--data-dir",
                    server.databaseFile().getParent().toString()};
            CommandRun lines = CommandRun.of(concat(new String[] {"audit", "--event-name", "CreateThing",
                    "--principal", "arn:aws:iam::000000000000:root", "--max-items", "2"}, connection));
            assertThat(lines.exit()).as(lines.err()).isZero();
            List<String> printed = lines.out().lines().filter(l -> l.contains("  CreateThing  ")).toList();
            assertThat(printed).hasSize(2);
            assertThat(printed.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  CreateThing  OK  "
                    + "arn:aws:iam::000000000000:root \\(" + TestServer.ACCESS_KEY_ID + "\\)  127\\.0\\.0\\.1  \\S+");

            CommandRun json = CommandRun.of(concat(new String[] {"audit", "--event-name", "CreateThing", "--json"},
                    connection));
            assertThat(json.exit()).as(json.err()).isZero();
            String out = json.out();
            assertThat(out).contains("{\"events\":[");
            assertThat(out.indexOf("cli-audit-2")).isLessThan(out.indexOf("cli-audit-1"));
            assertThat(out.indexOf("cli-audit-1")).isLessThan(out.indexOf("cli-audit-0"));

            CommandRun none = CommandRun.of(concat(new String[] {"audit", "--event-name", "DeleteThing"}, connection));
            assertThat(none.out()).contains("no audit records match");
            CommandRun bad = CommandRun.of(concat(new String[] {"audit", "--start-time", "noon"}, connection));
            assertThat(bad.exit()).isEqualTo(1);
            assertThat(bad.err()).contains("audit failed: 400 ValidationException").contains("startTime");
        }
    }

    @Test
    void retention_deletesOnlyRecordsOlderThanItsDays() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T00:00:00Z"));
        try (Store store = SqliteStore.open(tmp.resolve("audit.db"))) {
            AuditLog log = new AuditLog(store, clock, 7);
            try {
                store.write(tx -> {
                    tx.audit().append(List.of(
                            record("old", clock.instant().minus(Duration.ofDays(8))),
                            record("edge", clock.instant().minus(Duration.ofDays(7)).plusSeconds(1)),
                            record("new", clock.instant())));
                    return null;
                });
                // at most one each: the log's own background purge (5 s after it started) may have come first
                assertThat(log.purge()).isLessThanOrEqualTo(1);
                assertThat(log.lookup(AuditQuery.ALL, null, 10).items()).extracting(AuditRecord::eventId)
                        .containsExactly("new", "edge");
                clock.advance(Duration.ofDays(1));
                assertThat(log.purge()).isLessThanOrEqualTo(1);
                assertThat(log.lookup(AuditQuery.ALL, null, 10).items()).extracting(AuditRecord::eventId)
                        .containsExactly("new");
            } finally {
                log.close();
            }
        }
    }

    private static AuditRecord record(String id, Instant at) {
        return new AuditRecord(0, id, at, "iot.amazonaws.com", "CreateThing", "AKIDEXAMPLE0000000001", "-", "{}",
                "127.0.0.1", "-", "r-" + id, false, null, null, "{}");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
