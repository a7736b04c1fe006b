package io.corelink.domain.discovery;

import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.certificate.CertificateStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Why a thing would or would not discover its core devices (control-plane.md §8): its certificates, its cores and
 * what each lacks, and one plain sentence per obstacle.
 */
public record DiscoveryDiagnosis(String thingName, boolean thingExists, SortedMap<CertificateId, CertificateStatus> certificates,
                                 List<CoreCheck> coreDevices, boolean wouldDiscover, List<String> reasons) {

    /** One associated core device; {@code included} when it qualifies for Discover. */
    public record CoreCheck(String coreDeviceThingName, boolean hasConnectivityInfo, boolean hasCertificateAuthority) {
        public boolean included() {
            return hasConnectivityInfo && hasCertificateAuthority;
        }
    }

    /** The diagnosis of a thing that does not exist. */
    public static DiscoveryDiagnosis unknownThing(String thingName) {
        return new DiscoveryDiagnosis(thingName, false, new java.util.TreeMap<>(), List.of(), false,
                List.of(thingName + " is not a thing of this account: create it with CreateThing"));
    }

    /** Works out {@code wouldDiscover} and the reasons from the facts. */
    public static DiscoveryDiagnosis of(String thingName, SortedMap<CertificateId, CertificateStatus> certificates,
                                        List<DiscoveredCore> cores) {
        List<CoreCheck> checks = cores.stream().map(c -> new CoreCheck(c.core().value(), !c.connectivity().isEmpty(),
                !c.certificateAuthorities().isEmpty())).toList();
        boolean activeCertificate = certificates.containsValue(CertificateStatus.ACTIVE);
        boolean someCoreIncluded = checks.stream().anyMatch(CoreCheck::included);
        List<String> reasons = new ArrayList<>();
        if (certificates.isEmpty()) {
            reasons.add(thingName + " has no certificate attached: attach one with AttachThingPrincipal");
        } else if (!activeCertificate) {
            reasons.add("none of " + thingName + "'s certificates is ACTIVE: activate one with UpdateCertificate");
        }
        if (checks.isEmpty()) {
            reasons.add(thingName + " is not associated with any core device: associate it with "
                    + "BatchAssociateClientDeviceWithCoreDevice");
        }
        for (CoreCheck check : checks) {
            if (!check.hasConnectivityInfo()) {
                reasons.add(check.coreDeviceThingName() + " has no connectivity info: its core device has not called "
                        + "UpdateConnectivityInfo");
            }
            if (!check.hasCertificateAuthority()) {
                reasons.add(check.coreDeviceThingName() + " has no CA certificate: its core device has not called "
                        + "PutCertificateAuthorities");
            }
        }
        boolean wouldDiscover = activeCertificate && someCoreIncluded;
        return new DiscoveryDiagnosis(thingName, true, certificates, checks, wouldDiscover,
                wouldDiscover ? List.of() : reasons);
    }

    /** Certificates as (id, status) pairs in id order. */
    public List<Map.Entry<CertificateId, CertificateStatus>> certificateList() {
        return List.copyOf(certificates.entrySet());
    }
}
