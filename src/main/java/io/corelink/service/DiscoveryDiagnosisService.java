package io.corelink.service;

import io.corelink.domain.Account;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.certificate.CertificateStatus;
import io.corelink.domain.discovery.DiscoverPermission;
import io.corelink.domain.discovery.DiscoveryDiagnosis;
import io.corelink.domain.thing.ThingName;
import io.corelink.policy.Decision;
import io.corelink.policy.NamedPolicy;
import io.corelink.policy.PolicyDocument;
import io.corelink.policy.PolicyEvaluator;
import io.corelink.policy.RequestContext;
import io.corelink.store.Store;
import io.corelink.store.StoreTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Answers "why does my device get 403 or 404 from Discover?" from the registry, in one read transaction. When the
 * data plane authorizes by IoT policies, each certificate's policies are evaluated as a device's Discover would be
 * (the request's source address, which a policy may test, is not known here and has no value).
 */
public final class DiscoveryDiagnosisService {
    private final Store store;
    private final Account account;
    private final Clock clock;
    private final boolean policies;

    /** @param policies whether the data plane authorizes by IoT policies ({@code iot-policy} mode) */
    public DiscoveryDiagnosisService(Store store, Account account, Clock clock, boolean policies) {
        this.store = store;
        this.account = account;
        this.clock = clock;
        this.policies = policies;
    }

    /** The diagnosis of {@code thing}; of an unknown thing when there is none. */
    public DiscoveryDiagnosis diagnose(ThingName thing) {
        String thingArn = account.thingArn(thing);
        Instant now = clock.instant();
        return store.read(tx -> {
            if (tx.things().existing(List.of(thing)).isEmpty()) {
                return DiscoveryDiagnosis.unknownThing(thing.value());
            }
            SortedMap<CertificateId, CertificateStatus> certificates = tx.discovery().certificatesOf(thing);
            return DiscoveryDiagnosis.of(thing.value(), thingArn, certificates,
                    policies ? permissions(tx, certificates.keySet(), thingArn, now) : null,
                    tx.discovery().coresOf(thing));
        });
    }

    private static Map<CertificateId, DiscoverPermission> permissions(StoreTransaction tx,
            Iterable<CertificateId> certificates, String thingArn, Instant now) {
        Map<CertificateId, DiscoverPermission> permissions = new HashMap<>();
        RequestContext discover = RequestContext.builder("greengrass:Discover", thingArn)
                .with("aws:CurrentTime", now.toString())
                .with("aws:EpochTime", String.valueOf(now.getEpochSecond()))
                .with("aws:SecureTransport", "true")
                .inapplicable("iot:Connection.Thing.")
                .build();
        for (CertificateId certificate : certificates) {
            List<NamedPolicy> attached = tx.iotPolicies().attachedTo(certificate).stream()
                    .map(p -> new NamedPolicy(p.name().value(), PolicyDocument.parse(p.defaultDocument(),
                            Integer.MAX_VALUE)))
                    .toList();
            Decision decision = PolicyEvaluator.evaluate(attached, discover);
            permissions.put(certificate, new DiscoverPermission(
                    DiscoverPermission.Decision.valueOf(decision.outcome().name()),
                    decision.policyName(), decision.statement() == null ? null : decision.statement().label()));
        }
        return permissions;
    }
}
