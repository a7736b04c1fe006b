package io.corelink.service;

import java.util.List;
import io.corelink.domain.event.ChangeEvent;
import org.jspecify.annotations.Nullable;
import io.corelink.domain.Account;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.error.ConflictException;
import io.corelink.domain.error.InvalidRequestException;
import io.corelink.domain.error.ResourceNotFoundException;
import io.corelink.domain.thing.ThingName;
import io.corelink.store.PrincipalRepository;
import io.corelink.store.StoreTransaction;
import io.corelink.store.Store;
import java.time.Clock;

/**
 * Certificates attached to things. A principal is the ARN of a certificate of this account; attach and detach take
 * effect before they answer.
 */
public final class PrincipalService {
    private final Store store;
    private final Account account;
    private final Clock clock;

    public PrincipalService(Store store, Account account, Clock clock) {
        this.store = store;
        this.account = account;
        this.clock = clock;
    }

    /**
     * @throws InvalidRequestException when the principal is not a certificate ARN of this account
     * @throws ResourceNotFoundException when the thing or the certificate does not exist
     * @throws ConflictException when exclusivity forbids the attachment
     */
    public void attach(ThingName thing, String principal, boolean exclusive) {
        CertificateId certificate = certificateOf(principal);
        store.write(tx -> {
            requireThing(tx, thing);
            requireCertificate(tx, certificate);
            for (PrincipalRepository.Attachment attachment : tx.principals().attachments(certificate)) {
                if (attachment.thing().equals(thing)) {
                    continue;
                }
                if (exclusive || attachment.exclusive()) {
                    throw new ConflictException(ConflictException.Kind.PRINCIPAL_EXCLUSIVE, "Principal " + principal
                            + " is " + (exclusive ? "already attached to thing " : "exclusively attached to thing ")
                            + attachment.thing() + ".");
                }
            }
            tx.principals().attach(thing, certificate, exclusive, clock.instant());
            tx.events().append(List.of(ChangeEvent.thingPrincipal(ChangeEvent.Operation.CREATED, thing,
                    account.certificateArn(certificate), clock.instant())));
            return null;
        });
    }

    /** Detaching what is not attached succeeds. @throws ResourceNotFoundException for an unknown thing or certificate */
    public void detach(ThingName thing, String principal) {
        CertificateId certificate = certificateOf(principal);
        store.write(tx -> {
            requireThing(tx, thing);
            requireCertificate(tx, certificate);
            if (tx.principals().detach(thing, certificate)) {
                tx.events().append(List.of(ChangeEvent.thingPrincipal(ChangeEvent.Operation.DELETED, thing,
                        account.certificateArn(certificate), clock.instant())));
            }
            return null;
        });
    }

    /** The certificate ARNs attached to the thing, by certificate id. */
    public Page<CertificateId> principalsOf(ThingName thing, @Nullable CertificateId after, int limit) {
        return Page.of(store.read(tx -> {
            requireThing(tx, thing);
            return tx.principals().listForThing(thing, after, limit + 1);
        }), limit);
    }

    /** The things the principal is attached to, by name. */
    public Page<ThingName> thingsOf(String principal, @Nullable ThingName after, int limit) {
        CertificateId certificate = certificateOf(principal);
        return Page.of(store.read(tx -> {
            requireCertificate(tx, certificate);
            return tx.principals().listThings(certificate, after, limit + 1);
        }), limit);
    }

    public String arnOf(CertificateId id) {
        return account.certificateArn(id);
    }

    /** @throws InvalidRequestException when the principal is not a certificate ARN of this account */
    public CertificateId certificateOf(String principal) {
        return account.certificateOf(principal).orElseThrow(() -> new InvalidRequestException(
                "The principal must be the ARN of a certificate of account " + account.accountId() + " in "
                        + account.region() + " (arn:aws:iot:" + account.region() + ":" + account.accountId()
                        + ":cert/<certificateId>)."));
    }

    private static void requireThing(StoreTransaction tx, ThingName thing) {
        if (tx.things().existing(java.util.List.of(thing)).isEmpty()) {
            throw new ResourceNotFoundException("thing", thing.value(), "Thing " + thing + " cannot be found.");
        }
    }

    private static void requireCertificate(StoreTransaction tx, CertificateId certificate) {
        if (tx.certificates().find(certificate).isEmpty()) {
            throw CertificateService.notFound(certificate);
        }
    }
}
