package io.corelink.app;

import io.corelink.pki.CertificateAuthority;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * This node's data-plane server certificate, issued at every start from the shared root CA (so it is never stored):
 * SANs {@code localhost}, {@code 127.0.0.1}, the {@code --host} value and every {@code --data-plane-host}.
 */
final class DataPlaneCertificate {
    private DataPlaneCertificate() {
    }

    record Issued(KeyPair keys, X509Certificate[] chain) {
    }

    static Issued issue(CertificateAuthority authority, ServerConfig config, Clock clock) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
        if (!config.host().equals("0.0.0.0") && !config.host().equals("::")) {
            names.add(config.host());
        }
        names.addAll(config.dataPlaneHosts());
        List<GeneralName> alternativeNames = new ArrayList<>();
        for (String name : names) {
            alternativeNames.add(isIpAddress(name) ? new GeneralName(GeneralName.iPAddress, name)
                    : new GeneralName(GeneralName.dNSName, name));
        }
        KeyPair keys = CertificateAuthority.rsa2048();
        X509Certificate certificate = authority.issueServerCertificate(keys.getPublic(), clock, alternativeNames);
        return new Issued(keys, new X509Certificate[] {certificate, authority.certificate()});
    }

    private static boolean isIpAddress(String name) {
        if (!name.matches("[0-9.]+") && !name.contains(":")) {
            return false;
        }
        try {
            InetAddress.getByName(name);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
