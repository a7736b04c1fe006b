package io.corelink.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.domain.thing.ThingName;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeEventTest {
    private static final ThingName CORE = ThingName.of("core");
    private static final List<ThingName> CLIENTS = List.of(ThingName.of("a"), ThingName.of("b"));

    private static ChangeEvent associated(ThingName core, List<ThingName> clients, long at) {
        return ChangeEvent.associations(ChangeEvent.Operation.ASSOCIATED, core, clients, Instant.ofEpochMilli(at));
    }

    @Test
    void theSameChange_isTheSameWhateverItsIdAndTime() {
        ChangeEvent one = associated(CORE, CLIENTS, 1_000);
        ChangeEvent other = associated(CORE, CLIENTS, 2_000);

        assertThat(one.eventId()).isNotEqualTo(other.eventId());
        assertThat(one.sameChangeAs(other)).isTrue();
        assertThat(other.sameChangeAs(one)).isTrue();
    }

    @Test
    void anotherOperation_core_nameList_order_orKind_isAnotherChange() {
        ChangeEvent one = associated(CORE, CLIENTS, 1_000);

        assertThat(one.sameChangeAs(ChangeEvent.associations(ChangeEvent.Operation.DISASSOCIATED, CORE, CLIENTS,
                Instant.ofEpochMilli(1_000)))).isFalse();
        assertThat(one.sameChangeAs(associated(ThingName.of("other-core"), CLIENTS, 1_000))).isFalse();
        assertThat(one.sameChangeAs(associated(CORE, CLIENTS.subList(0, 1), 1_000))).isFalse();
        assertThat(one.sameChangeAs(associated(CORE, List.of(CLIENTS.get(1), CLIENTS.get(0)), 1_000))).isFalse();
        assertThat(one.sameChangeAs(ChangeEvent.coreDevice(ChangeEvent.Operation.ASSOCIATED, CORE,
                Instant.ofEpochMilli(1_000)))).isFalse();
    }

    @Test
    void theSameMembersInAnotherOrder_areWrittenOtherwise_soTheyAreAnotherChange() {
        Map<String, Object> forth = new LinkedHashMap<>();
        forth.put("thingName", "t");
        forth.put("principal", "p");
        Map<String, Object> back = new LinkedHashMap<>();
        back.put("principal", "p");
        back.put("thingName", "t");
        ChangeEvent one = new ChangeEvent(ChangeEvent.EventType.PRINCIPAL_ATTACHMENT_EVENT,
                ChangeEvent.Operation.CREATED, "1", Instant.EPOCH, forth, null, List.of());

        assertThat(one.sameChangeAs(new ChangeEvent(ChangeEvent.EventType.PRINCIPAL_ATTACHMENT_EVENT,
                ChangeEvent.Operation.CREATED, "2", Instant.EPOCH, new LinkedHashMap<>(forth), null, List.of())))
                .isTrue();
        assertThat(one.sameChangeAs(new ChangeEvent(ChangeEvent.EventType.PRINCIPAL_ATTACHMENT_EVENT,
                ChangeEvent.Operation.CREATED, "3", Instant.EPOCH, back, null, List.of()))).isFalse();
    }
}
