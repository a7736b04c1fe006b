package io.corelink.domain.discovery;

import org.jspecify.annotations.Nullable;
import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.certificate.CertificateStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Why a thing would or would not discover its core devices (control-plane.md §8): its certificates (and, when the data
 * plane authorizes by IoT policies, what their policies decide for {@code greengrass:Discover}), its cores and what
 * each lacks, and one plain sentence per obstacle.
 *
 * @param permissions per certificate, the policies' decision; empty when no policy is consulted (certificate mode)
 */
public record DiscoveryDiagnosis(String thingName, boolean thingExists, SortedMap<CertificateId, CertificateStatus> certificates,
                                 Map<CertificateId, DiscoverPermission> permissions, List<CoreCheck> coreDevices,
                                 boolean wouldDiscover, List<String> reasons) {

    /** One associated core device; {@code included} when it qualifies for Discover. */
    public record CoreCheck(String coreDeviceThingName, boolean hasConnectivityInfo, boolean hasCertificateAuthority) {
        public boolean included() {
            return hasConnectivityInfo && hasCertificateAuthority;
        }
    }

    /** The diagnosis of a thing that does not exist. */
    public static DiscoveryDiagnosis unknownThing(String thingName) {
        return new DiscoveryDiagnosis(thingName, false, new java.util.TreeMap<>(), Map.of(), List.of(), false,
                List.of(thingName + " is not a thing of this account: create it with CreateThing"));
    }

    /**
     * Works out {@code wouldDiscover} and the reasons from the facts.
     *
     * @param permissions the policies' decision per certificate, or null when the data plane consults no policy
     * @param thingArn the resource a device's Discover is authorized on
     */
    public static DiscoveryDiagnosis of(String thingName, String thingArn,
                                        SortedMap<CertificateId, CertificateStatus> certificates,
                                        @Nullable Map<CertificateId, DiscoverPermission> permissions,
                                        List<DiscoveredCore> cores) {
        List<CoreCheck> checks = cores.stream().map(c -> new CoreCheck(c.core().value(), !c.connectivity().isEmpty(),
                !c.certificateAuthorities().isEmpty())).toList();
        boolean activeCertificate = certificates.containsValue(CertificateStatus.ACTIVE);
        boolean someCoreIncluded = checks.stream().anyMatch(CoreCheck::included);
        boolean activeAndAllowed = permissions == null ? activeCertificate : certificates.entrySet().stream()
                .anyMatch(e -> e.getValue() == CertificateStatus.ACTIVE && permissions.containsKey(e.getKey())
                        && permissions.get(e.getKey()).allowed());
        List<String> reasons = new ArrayList<>();
        if (certificates.isEmpty()) {
            reasons.add(thingName + " has no certificate attached: attach one with AttachThingPrincipal");
        } else if (!activeCertificate) {
            reasons.add("none of " + thingName + "'s certificates is ACTIVE: activate one with UpdateCertificate");
        }
        if (activeCertificate && !activeAndAllowed && permissions != null) {
            certificates.forEach((id, status) -> {
                DiscoverPermission permission = permissions.get(id);
                if (status == CertificateStatus.ACTIVE && permission != null) {
                    reasons.add(permission.decision() == DiscoverPermission.Decision.EXPLICIT_DENY
                            ? "certificate " + id + ": " + permission.statement() + " of IoT policy "
                                    + permission.policyName() + " denies greengrass:Discover on " + thingArn
                            : "certificate " + id + ": no IoT policy attached to it allows greengrass:Discover on "
                                    + thingArn + ": attach one with AttachPolicy");
                }
            });
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
        boolean wouldDiscover = activeAndAllowed && someCoreIncluded;
        return new DiscoveryDiagnosis(thingName, true, certificates, permissions == null ? Map.of()
                : Map.copyOf(permissions), checks, wouldDiscover,
                wouldDiscover ? List.of() : reasons);
    }

    /** Certificates as (id, status) pairs in id order. */
    public List<Map.Entry<CertificateId, CertificateStatus>> certificateList() {
        return List.copyOf(certificates.entrySet());
    }
}
