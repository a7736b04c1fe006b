package io.corelink.domain;

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

    /** {@code arn:aws:iot:<region>:<account>:thing/<name>}. */
    public String thingArn(ThingName name) {
        return "arn:aws:iot:" + region + ":" + accountId + ":thing/" + name.value();
    }
}
