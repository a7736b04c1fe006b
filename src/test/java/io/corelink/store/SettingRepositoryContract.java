package io.corelink.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link SettingRepository} (values every node shares), written once for every store. */
public interface SettingRepositoryContract {

    Store store();

    @Test
    default void putIfAbsent_keepsTheFirstValue_andReturnsWhatIsStored() {
        assertThat(store().<Optional<String>>read(tx -> tx.settings().find("contract.key"))).isEmpty();
        assertThat(store().<String>write(tx -> tx.settings().putIfAbsent("contract.key", "first"))).isEqualTo("first");
        assertThat(store().<String>write(tx -> tx.settings().putIfAbsent("contract.key", "second")))
                .isEqualTo("first");
        assertThat(store().<Optional<String>>read(tx -> tx.settings().find("contract.key"))).contains("first");
        assertThat(store().<String>write(tx -> tx.settings().putIfAbsent("contract.other", "x".repeat(2048))))
                .hasSize(2048);
    }
}
