package io.corelink.domain;

import io.corelink.domain.certificate.CertificateId;
import io.corelink.domain.thing.ThingName;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The AWS account and region this deployment answers as. Every ARN is built here, so no region or account id is
 * ever written anywhere else.
 *
 * @throws IllegalArgumentException from the constructor when the account id is not 12 digits or the region is not an
 *     AWS-style region name
 */
public record Account(String region, String accountId) {
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

    public Account {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("account id must be 12 digits, not '" + accountId + "'");
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region must look like us-east-1, not '" + region + "'");
        }
    }

    /** {@code arn:aws:iot:<region>:<account>:cert/<certificateId>}. */
    public String certificateArn(CertificateId id) {
        return certificateArn(id.value());
    }

    /** The certificate ARN of an id as a request sent it (valid or not), for authorization. */
    public String certificateArn(String id) {
        return "arn:aws:iot:" + region + ":" + accountId + ":cert/" + id;
    }

    /** The certificate a principal ARN names, when it is a certificate ARN of this account and region. */
    public java.util.Optional<CertificateId> certificateOf(String principal) {
        String prefix = "arn:aws:iot:" + region + ":" + accountId + ":cert/";
        if (principal == null || !principal.startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        String id = principal.substring(prefix.length());
        return id.matches("[0-9a-f]{64}") ? java.util.Optional.of(new CertificateId(id)) : java.util.Optional.empty();
    }

    /** {@code arn:aws:greengrass:<region>:<account>:coreDevices:<name>}. */
    public String coreDeviceArn(ThingName name) {
        return coreDeviceArn(name.value());
    }

    /** The core-device ARN of a name as a request sent it (valid or not), for authorization. */
    public String coreDeviceArn(String name) {
        return "arn:aws:greengrass:" + region + ":" + accountId + ":coreDevices:" + name;
    }

    /** The core device a Greengrass ARN names, when it is a core-device ARN of this account and region. */
    public java.util.Optional<String> coreDeviceOf(String arn) {
        String prefix = "arn:aws:greengrass:" + region + ":" + accountId + ":coreDevices:";
        return arn != null && arn.startsWith(prefix) && arn.length() > prefix.length()
                ? java.util.Optional.of(arn.substring(prefix.length())) : java.util.Optional.empty();
    }

    /** {@code arn:aws:iot:<region>:<account>:policy/<name>}. */
    public String policyArn(io.corelink.domain.iotpolicy.PolicyName name) {
        return policyArn(name.value());
    }

    /** The IoT policy ARN of a name as a request sent it (valid or not), for authorization. */
    public String policyArn(String name) {
        return "arn:aws:iot:" + region + ":" + accountId + ":policy/" + name;
    }

    /** The policy an IoT ARN names, when it is a policy ARN of this account and region with a valid name. */
    public java.util.Optional<io.corelink.domain.iotpolicy.PolicyName> policyOf(String arn) {
        String prefix = "arn:aws:iot:" + region + ":" + accountId + ":policy/";
        if (arn == null || !arn.startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(io.corelink.domain.iotpolicy.PolicyName.of(arn.substring(prefix.length())));
        } catch (io.corelink.domain.error.InvalidValueException e) {
            return java.util.Optional.empty();
        }
    }

    /** {@code arn:aws:iot:<region>:<account>:thing/<name>}, for a name as a request sent it (valid or not). */
    public String thingArn(String name) {
        return "arn:aws:iot:" + region + ":" + accountId + ":thing/" + name;
    }

    /** The resource of the connectivity operations: {@code arn:aws:greengrass:<r>:<a>:/greengrass/things/<name>/connectivityInfo}. */
    public String connectivityInfoArn(String thingName) {
        return "arn:aws:greengrass:" + region + ":" + accountId + ":/greengrass/things/" + thingName
                + "/connectivityInfo";
    }

    /** {@code arn:aws:iot:<region>:<account>:thing/<name>}. */
    public String thingArn(ThingName name) {
        return thingArn(name.value());
    }

    /** The account's root, whose key (the administrator's) may do everything: {@code arn:aws:iam::<account>:root}. */
    public String rootArn() {
        return "arn:aws:iam::" + accountId + ":root";
    }

    /** {@code arn:aws:iam::<account>:user<path><name>}; IAM ARNs carry no region. */
    public String iamUserArn(String path, String name) {
        return "arn:aws:iam::" + accountId + ":user" + path + name;
    }

    /** {@code arn:aws:iam::<account>:policy<path><name>}. */
    public String iamPolicyArn(String path, String name) {
        return "arn:aws:iam::" + accountId + ":policy" + path + name;
    }

    /**
     * The {path, name} a customer managed policy ARN of this account names, when it is one: {@code
     * arn:aws:iam::<account>:policy/<path>/<name>}.
     */
    public java.util.Optional<String[]> iamPolicyOf(String arn) {
        String prefix = "arn:aws:iam::" + accountId + ":policy/";
        if (arn == null || !arn.startsWith(prefix) || arn.endsWith("/")) {
            return java.util.Optional.empty();
        }
        String rest = arn.substring(prefix.length() - 1);
        int slash = rest.lastIndexOf('/');
        return java.util.Optional.of(new String[] {rest.substring(0, slash + 1), rest.substring(slash + 1)});
    }

    /** The user name an IAM user ARN of this account ends with, when it is one. */
    public java.util.Optional<String> iamUserNameOf(String arn) {
        String prefix = "arn:aws:iam::" + accountId + ":user/";
        if (arn == null || !arn.startsWith(prefix) || arn.endsWith("/")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(arn.substring(arn.lastIndexOf('/') + 1));
    }
}
