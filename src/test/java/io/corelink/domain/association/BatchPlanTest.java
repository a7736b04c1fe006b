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
        BatchPlan plan = BatchPlan.entries(CORE, List.of("b", "a", "b", "a")).plan(Set.of(), Set.of());
        assertThat(plan.targets()).containsExactly(ThingName.of("b"), ThingName.of("a"));
        assertThat(plan.errors()).isEmpty();
    }

    @Test
    void theCoreItself_unknownThings_andNamesTheRegistryCannotHold_areErrors_once() {
        BatchPlan plan = BatchPlan.entries(CORE, List.of("x y", "core-1", "ghost", "ok", "ghost", "core-1"))
                .plan(Set.of(ThingName.of("ghost")), Set.of());
        assertThat(plan.targets()).containsExactly(ThingName.of("ok"));
        assertThat(plan.errors()).containsExactly(EntryError.notFound("x y"), EntryError.selfAssociation("core-1"),
                EntryError.notFound("ghost"));
        assertThat(plan.errors().get(1).code()).isEqualTo("ValidationException");
    }

    @Test
    void aMissingThingThatAnAssociationStillNames_isDisassociatedWithoutError() {
        BatchPlan plan = BatchPlan.entries(CORE, List.of("orphan", "ghost"))
                .plan(Set.of(ThingName.of("orphan"), ThingName.of("ghost")), Set.of(ThingName.of("orphan")));
        assertThat(plan.targets()).containsExactly(ThingName.of("orphan"));
        assertThat(plan.errors()).containsExactly(EntryError.notFound("ghost"));
    }

    @Test
    void candidates_leaveOutTheCoreAndInvalidNames() {
        assertThat(BatchPlan.entries(CORE, List.of("core-1", "a", "a", "b c", "")).candidates())
                .containsExactly(ThingName.of("a"));
    }

    @Test
    void noEntries_planNothing() {
        BatchPlan plan = BatchPlan.entries(CORE, List.of()).plan(Set.of(), Set.of());
        assertThat(plan.targets()).isEmpty();
        assertThat(plan.errors()).isEmpty();
    }
}
