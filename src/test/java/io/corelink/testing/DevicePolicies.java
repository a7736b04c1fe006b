package io.corelink.testing;

import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;

/**
 * The IoT policies a real AWS user attaches to Greengrass devices' certificates, as AWS documents them (device-auth):
 * a client device may discover as its thing; a core device may make the core-side calls. Tests attach them the way a
 * user would, with the real {@link IotClient}.
 */
public final class DevicePolicies {
    /** The minimal client-device policy: {@code greengrass:Discover} on the devices' thing ARNs. */
    public static final String CLIENT_DEVICE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"greengrass:Discover\"],\"Resource\":[\"arn:aws:iot:us-east-1:000000000000:thing/*\"]}]}";
    /** The core-device policy's Greengrass data-plane part. */
    public static final String CORE_DEVICE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"greengrass:PutCertificateAuthorities\",\"greengrass:VerifyClientDeviceIdentity\","
            + "\"greengrass:VerifyClientDeviceIoTCertificateAssociation\",\"greengrass:GetConnectivityInfo\","
            + "\"greengrass:UpdateConnectivityInfo\",\"greengrass:Discover\"],\"Resource\":\"*\"}]}";

    private DevicePolicies() {
    }

    /** Attaches both policies (created once per server) to the certificate, so that it may act as either. */
    public static void allowGreengrass(IotClient iot, String certificateArn) {
        attach(iot, "corelink-test-client-device", CLIENT_DEVICE, certificateArn);
        attach(iot, "corelink-test-core-device", CORE_DEVICE, certificateArn);
    }

    /** Creates the policy unless it exists, and attaches it to the certificate. */
    public static void attach(IotClient iot, String policyName, String document, String certificateArn) {
        try {
            iot.createPolicy(r -> r.policyName(policyName).policyDocument(document));
        } catch (ResourceAlreadyExistsException e) {
            // made for an earlier device of the same server
        }
        iot.attachPolicy(r -> r.policyName(policyName).target(certificateArn));
    }
}
