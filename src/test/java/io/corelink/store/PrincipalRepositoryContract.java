package io.corelink.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.corelink.domain.certificate.Certificate;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.certificate.CertificateStatus;
import io.corelink.domain.thing.Thing;
import io.corelink.domain.thing.ThingAttributes;
import io.corelink.domain.thing.ThingName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contract of {@link PrincipalRepository} (certificates attached to things), written once for every store. */
public interface PrincipalRepositoryContract {

    Store store();

    private static ThingName name(String value) {
        return ThingName.of(value);
    }

    private static CertificateId id(char fill) {
        return new CertificateId(String.valueOf(fill).repeat(64));
    }

    private void thingsAndCertificates(List<String> things, String certificateFills) {
        Instant at = Instant.ofEpochMilli(1_000);
        store().write(tx -> {
            for (String thing : things) {
                tx.things().insertIfAbsent(new Thing(name(thing), UUID.randomUUID().toString(), ThingAttributes.NONE,
                        1, at));
            }
            for (char fill : certificateFills.toCharArray()) {
                tx.certificates().insertIfAbsent(new Certificate(id(fill), "PEM-" + fill, CertificateStatus.ACTIVE,
                        null, at, at, at, at.plusSeconds(3600), "gen-1", 1));
            }
            return null;
        });
    }

    private void attach(String thing, char certificate, boolean exclusive) {
        store().write(tx -> {
            tx.principals().attach(name(thing), id(certificate), exclusive, Instant.EPOCH);
            return null;
        });
    }

    @Test
    default void attachingAgain_updatesTheExclusivity_andAddsNothing() {
        thingsAndCertificates(List.of("pc-thing"), "a");
        attach("pc-thing", 'a', false);
        attach("pc-thing", 'a', true);
        assertThat(store().<List<PrincipalRepository.Attachment>>read(tx -> tx.principals().attachments(id('a'))))
                .containsExactly(new PrincipalRepository.Attachment(name("pc-thing"), true));
        attach("pc-thing", 'a', false);
        assertThat(store().<List<PrincipalRepository.Attachment>>read(tx -> tx.principals().attachments(id('a'))))
                .containsExactly(new PrincipalRepository.Attachment(name("pc-thing"), false));
        assertThat(store().<Integer>read(tx -> tx.principals().countForThing(name("pc-thing")))).isEqualTo(1);
    }

    @Test
    default void aThingsCertificates_areKeysetPagedById() {
        thingsAndCertificates(List.of("pc-many", "pc-none"), "4c1f");
        for (char fill : "4c1f".toCharArray()) {
            attach("pc-many", fill, false);
        }
        assertThat(store().<List<CertificateId>>read(tx -> tx.principals().listForThing(name("pc-many"), null, 3)))
                .containsExactly(id('1'), id('4'), id('c'));
        assertThat(store().<List<CertificateId>>read(tx -> tx.principals().listForThing(name("pc-many"), id('c'), 3)))
                .containsExactly(id('f'));
        assertThat(store().<List<CertificateId>>read(tx -> tx.principals().listForThing(name("pc-many"), id('f'), 3)))
                .isEmpty();
        assertThat(store().<Integer>read(tx -> tx.principals().countForThing(name("pc-many")))).isEqualTo(4);
        assertThat(store().<Integer>read(tx -> tx.principals().countForThing(name("pc-none")))).isZero();
        assertThat(store().<List<CertificateId>>read(tx -> tx.principals().listForThing(name("pc-none"), null, 3)))
                .isEmpty();
    }

    @Test
    default void aCertificatesThings_areKeysetPagedByName() {
        thingsAndCertificates(List.of("pc-c", "pc-a", "pc:b"), "e");
        for (String thing : List.of("pc-c", "pc-a", "pc:b")) {
            attach(thing, 'e', false);
        }
        assertThat(store().<List<ThingName>>read(tx -> tx.principals().listThings(id('e'), null, 2)))
                .containsExactly(name("pc-a"), name("pc-c"));
        assertThat(store().<List<ThingName>>read(tx -> tx.principals().listThings(id('e'), name("pc-c"), 2)))
                .containsExactly(name("pc:b"));
        assertThat(store().<List<PrincipalRepository.Attachment>>read(tx -> tx.principals().attachments(id('e'))))
                .extracting(PrincipalRepository.Attachment::thing)
                .containsExactly(name("pc-a"), name("pc-c"), name("pc:b"));
    }

    @Test
    default void detach_removesOnlyThatAttachment() {
        thingsAndCertificates(List.of("pc-x", "pc-y"), "ab");
        attach("pc-x", 'a', false);
        attach("pc-x", 'b', false);
        attach("pc-y", 'a', false);
        assertThat(store().<Boolean>write(tx -> tx.principals().detach(name("pc-x"), id('a')))).isTrue();
        assertThat(store().<Boolean>write(tx -> tx.principals().detach(name("pc-x"), id('a')))).isFalse();
        assertThat(store().<Boolean>write(tx -> tx.principals().detach(name("pc-none"), id('a')))).isFalse();
        assertThat(store().<List<CertificateId>>read(tx -> tx.principals().listForThing(name("pc-x"), null, 5)))
                .containsExactly(id('b'));
        assertThat(store().<List<ThingName>>read(tx -> tx.principals().listThings(id('a'), null, 5)))
                .containsExactly(name("pc-y"));
    }
}
