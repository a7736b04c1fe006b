package io.corelink.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link CredentialRepository} (the administrator's key), written once for every store. */
public interface CredentialRepositoryContract {

    Store store();

    Instant NOW = Instant.ofEpochMilli(1_764_137_763_512L);

    @Test
    default void anEmptyStore_hasNoKey() {
        assertThat(store().<Optional<String>>read(tx -> tx.credentials().administratorKeyId())).isEmpty();
        assertThat(store().<Optional<String>>read(tx -> tx.credentials().secretOf("AKIAEXAMPLE"))).isEmpty();
    }

    @Test
    default void insertIfAbsent_storesTheFirstKeyOnly() {
        assertThat(store().<Boolean>write(tx -> tx.credentials().insertAdministratorKeyIfAbsent("AKIAFIRST", "s-1",
                NOW))).isTrue();
        assertThat(store().<Boolean>write(tx -> tx.credentials().insertAdministratorKeyIfAbsent("AKIAFIRST", "s-2",
                NOW))).as("the same id again").isFalse();
        assertThat(store().<Optional<String>>read(tx -> tx.credentials().secretOf("AKIAFIRST"))).contains("s-1");
        assertThat(store().<Optional<String>>read(tx -> tx.credentials().administratorKeyId())).contains("AKIAFIRST");
    }

    @Test
    default void replace_leavesExactlyOneAdministratorKey() {
        store().write(tx -> tx.credentials().insertAdministratorKeyIfAbsent("AKIAOLD", "old-secret", NOW));
        store().write(tx -> {
            tx.credentials().replaceAdministratorKey("AKIANEW", "new-secret", NOW.plusSeconds(1));
            return null;
        });
        assertThat(store().<Optional<String>>read(tx -> tx.credentials().administratorKeyId())).contains("AKIANEW");
        assertThat(store().<Optional<String>>read(tx -> tx.credentials().secretOf("AKIANEW"))).contains("new-secret");
        assertThat(store().<Optional<String>>read(tx -> tx.credentials().secretOf("AKIAOLD")))
                .as("the replaced key no longer signs").isEmpty();

        store().write(tx -> {
            tx.credentials().replaceAdministratorKey("AKIANEW", "rotated-secret", NOW.plusSeconds(2));
            return null;
        });
        assertThat(store().<Optional<String>>read(tx -> tx.credentials().secretOf("AKIANEW")))
                .contains("rotated-secret");
        assertThat(store().<Boolean>write(tx -> tx.credentials().insertAdministratorKeyIfAbsent("AKIAOTHER", "x",
                NOW))).as("an administrator key exists").isFalse();
    }

    @Test
    default void keyIds_areCaseSensitive() {
        store().write(tx -> tx.credentials().insertAdministratorKeyIfAbsent("AKIACASE", "secret", NOW));
        assertThat(store().<Optional<String>>read(tx -> tx.credentials().secretOf("akiacase"))).isEmpty();
    }
}
