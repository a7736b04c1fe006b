package io.corelink.service;

import io.corelink.domain.event.ChangeEvent;
import org.jspecify.annotations.Nullable;
import io.corelink.domain.certificate.CertificatePosition;
import io.corelink.domain.Account;
import io.corelink.domain.certificate.Certificate;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.certificate.CertificateStatus;
import io.corelink.domain.certificate.ParsedCertificate;
import io.corelink.domain.error.CertificateStateException;
import io.corelink.domain.error.ConflictException;
import io.corelink.domain.error.InvalidCertificateException;
import io.corelink.domain.error.InvalidRequestException;
import io.corelink.domain.error.ResourceAlreadyExistsException;
import io.corelink.domain.error.ResourceNotFoundException;
import io.corelink.pki.CertificateAuthority;
import io.corelink.pki.Pem;
import io.corelink.pki.SigningRequest;
import io.corelink.store.PrincipalRepository;
import io.corelink.store.Store;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The certificates of the registry, with AWS IoT's state rules. Each call is one store transaction. */
public final class CertificateService {
    private final Store store;
    private final Account account;
    private final CertificateAuthority authority;
    private final Clock clock;

    public CertificateService(Store store, Account account, CertificateAuthority authority, Clock clock) {
        this.store = store;
        this.account = account;
        this.authority = authority;
        this.clock = clock;
    }

    /** A certificate Corelink issued, with its key pair; the private key exists only in this object. */
    public record IssuedCertificate(Certificate certificate, String publicKeyPem, String privateKeyPem) {
    }

    /** Makes an RSA 2048 key pair and a certificate for it signed by the root CA; the private key is not stored. */
    public IssuedCertificate createKeysAndCertificate(boolean setAsActive) {
        KeyPair keys = CertificateAuthority.rsa2048();
        X509Certificate issued = authority.issueDeviceCertificate(keys.getPublic(), clock);
        String pem = Pem.write(issued);
        ParsedCertificate parsed = ParsedCertificate.fromPem(pem);
        Certificate certificate = newCertificate(parsed, pem,
                setAsActive ? CertificateStatus.ACTIVE : CertificateStatus.INACTIVE, authorityId());
        store.write(tx -> {
            tx.certificates().insertIfAbsent(certificate);
            tx.events().append(List.of(created(certificate)));
            return null;
        });
        return new IssuedCertificate(certificate, Pem.write(keys.getPublic()), Pem.write(keys.getPrivate()));
    }

    /**
     * A certificate signed by the root CA for the key of a certificate signing request (CreateCertificateFromCsr).
     * The same request again makes another certificate, as on AWS.
     *
     * @throws InvalidRequestException when the request is not a well-formed, validly signed PKCS#10 CSR with an RSA
     *                                 (2048 bits or more) or NIST P-256/P-384/P-521 key
     */
    public Certificate createFromCsr(String csrPem, boolean setAsActive) {
        SigningRequest request;
        try {
            request = SigningRequest.parse(csrPem);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(String.valueOf(e.getMessage()));
        }
        String pem = Pem.write(authority.issueDeviceCertificate(request, clock));
        Certificate certificate = newCertificate(ParsedCertificate.fromPem(pem), pem,
                setAsActive ? CertificateStatus.ACTIVE : CertificateStatus.INACTIVE, authorityId());
        store.write(tx -> {
            tx.certificates().insertIfAbsent(certificate);
            tx.events().append(List.of(created(certificate)));
            return null;
        });
        return certificate;
    }

    /**
     * Registers a certificate of any issuer.
     *
     * @param status the initial state, or null for {@code INACTIVE}
     * @throws InvalidCertificateException when the PEM holds no well-formed, unexpired X.509 certificate
     * @throws InvalidRequestException when {@code status} is one a caller cannot set
     * @throws ResourceAlreadyExistsException when the certificate is registered already
     */
    public Certificate register(String pem, @Nullable CertificateStatus status) {
        CertificateStatus initial = status == null ? CertificateStatus.INACTIVE : status;
        if (!initial.isSettable()) {
            throw new InvalidRequestException("A certificate cannot be registered with status " + initial + ".");
        }
        ParsedCertificate parsed = ParsedCertificate.fromPem(pem);
        if (parsed.notAfter().isBefore(clock.instant())) {
            throw new InvalidCertificateException("The certificate has expired.");
        }
        Certificate certificate = newCertificate(parsed, pem, initial, null);
        if (!store.write(tx -> {
            boolean inserted = tx.certificates().insertIfAbsent(certificate);
            if (inserted) {
                tx.events().append(List.of(created(certificate)));
            }
            return inserted;
        })) {
            throw new ResourceAlreadyExistsException(certificate.id().value(), account.certificateArn(certificate.id()),
                    "The certificate is already provisioned or registered");
        }
        return certificate;
    }

    /** @throws ResourceNotFoundException when there is no such certificate */
    public Certificate describe(CertificateId id) {
        return store.read(tx -> tx.certificates().find(id)).orElseThrow(() -> notFound(id));
    }

    /**
     * Puts the certificate into {@code newStatus}; idempotent.
     *
     * @throws InvalidRequestException when {@code newStatus} is one a caller cannot set
     * @throws ResourceNotFoundException when there is no such certificate
     */
    public void updateStatus(CertificateId id, CertificateStatus newStatus) {
        if (!newStatus.isSettable()) {
            throw new InvalidRequestException("The status of a certificate cannot be set to " + newStatus + ".");
        }
        store.write(tx -> {
            Certificate current = tx.certificates().find(id).orElseThrow(() -> notFound(id));
            Certificate updated = current.withStatus(newStatus, clock.instant(), UUID.randomUUID().toString());
            if (updated != current) {
                tx.certificates().update(updated);
                tx.events().append(List.of(ChangeEvent.certificate(ChangeEvent.Operation.UPDATED, updated,
                        account.certificateArn(id), clock.instant())));
            }
            return null;
        });
    }

    /**
     * Deletes the certificate; with {@code forceDelete}, as AWS, the policies attached to it are detached first.
     *
     * @throws ResourceNotFoundException when there is no such certificate
     * @throws CertificateStateException when it is ACTIVE (checked first)
     * @throws ConflictException when it is still attached to a thing, or (without {@code forceDelete}) has policies
     */
    public void delete(CertificateId id, boolean forceDelete) {
        store.write(tx -> {
            Certificate current = tx.certificates().find(id).orElseThrow(() -> notFound(id));
            if (current.status() == CertificateStatus.ACTIVE) {
                throw new CertificateStateException("Certificate must be deactivated before deletion.");
            }
            List<PrincipalRepository.Attachment> attachments = tx.principals().attachments(id);
            if (!attachments.isEmpty()) {
                throw new ConflictException(ConflictException.Kind.CERTIFICATE_ATTACHED,
                        "Things must be detached before deletion (arn: " + account.certificateArn(id) + ")");
            }
            List<io.corelink.domain.iotpolicy.PolicyName> policies = tx.iotPolicies().policiesOf(id, true, null,
                    IotPolicyService.MAX_POLICIES_PER_CERTIFICATE + 1);
            if (!policies.isEmpty() && !forceDelete) {
                throw new ConflictException(ConflictException.Kind.CERTIFICATE_ATTACHED,
                        "Certificate policies must be detached before deletion (arn: " + account.certificateArn(id)
                                + ")");
            }
            policies.forEach(policy -> tx.iotPolicies().detach(policy, id));
            tx.certificates().delete(id);
            List<ChangeEvent> events = new java.util.ArrayList<>();
            Instant now = clock.instant();
            policies.forEach(policy -> events.add(ChangeEvent.policyPrincipal(ChangeEvent.Operation.DELETED, policy,
                    account.certificateArn(id), now)));
            events.add(ChangeEvent.certificate(ChangeEvent.Operation.DELETED, current, account.certificateArn(id),
                    now));
            tx.events().append(events);
            return null;
        });
    }

    private ChangeEvent created(Certificate certificate) {
        return ChangeEvent.certificate(ChangeEvent.Operation.CREATED, certificate,
                account.certificateArn(certificate.id()), clock.instant());
    }

    /** A page of certificates by creation date (then id), ascending or descending. */
    public Page<Certificate> list(boolean ascending, @Nullable CertificatePosition after, int limit) {
        return Page.of(store.read(tx -> tx.certificates().list(ascending, after, limit + 1)), limit);
    }

    public String arnOf(CertificateId id) {
        return account.certificateArn(id);
    }

    public Account account() {
        return account;
    }

    private Certificate newCertificate(ParsedCertificate parsed, String pem, CertificateStatus status,
                                       @Nullable CertificateId caId) {
        Instant now = clock.instant();
        return new Certificate(parsed.id(), pem, status, caId, now, now, parsed.notBefore(), parsed.notAfter(),
                UUID.randomUUID().toString(), 1);
    }

    private CertificateId authorityId() {
        try {
            return CertificateId.ofDer(authority.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the root CA certificate cannot be encoded", e);
        }
    }

    static ResourceNotFoundException notFound(CertificateId id) {
        return new ResourceNotFoundException("certificate", id.value(),
                "The certificate given in the request does not exist (" + id + ").");
    }
}
