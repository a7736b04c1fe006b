package io.corelink.domain.association;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.domain.thing.ThingName;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchPlanTest {
    private static final ThingName CORE = ThingName.of("core-1");

    @Test
    void distinctNamesAreHandledOnce_inRequestOrder() {
        BatchPlan plan = BatchPlan.of(CORE, List.of("b", "a", "b", "a"), Set.of(ThingName.of("a"), ThingName.of("b")),
                Set.of());
        assertThat(plan.targets()).containsExactly(ThingName.of("b"), ThingName.of("a"));
        assertThat(plan.errors()).isEmpty();
    }

    @Test
    void theCoreItself_unknownThings_andNamesTheRegistryCannotHold_areErrors_once() {
        BatchPlan plan = BatchPlan.of(CORE, List.of("x y", "core-1", "ghost", "ok", "ghost", "core-1"),
                Set.of(ThingName.of("ok")), Set.of());
        assertThat(plan.targets()).containsExactly(ThingName.of("ok"));
        assertThat(plan.errors()).containsExactly(EntryError.notFound("x y"), EntryError.selfAssociation("core-1"),
                EntryError.notFound("ghost"));
        assertThat(plan.errors().get(1).code()).isEqualTo("ValidationException");
    }

    @Test
    void aMissingThingThatAnAssociationStillNames_isDisassociatedWithoutError() {
        BatchPlan plan = BatchPlan.of(CORE, List.of("orphan", "ghost"), Set.of(), Set.of(ThingName.of("orphan")));
        assertThat(plan.targets()).containsExactly(ThingName.of("orphan"));
        assertThat(plan.errors()).containsExactly(EntryError.notFound("ghost"));
    }

    @Test
    void candidates_leaveOutTheCoreAndInvalidNames() {
        assertThat(BatchPlan.candidates(CORE, List.of("core-1", "a", "a", "b c", "")))
                .containsExactly(ThingName.of("a"));
    }
}
