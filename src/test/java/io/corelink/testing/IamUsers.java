package io.corelink.testing;

import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/** IAM users made through the real IAM API for tests of who may do what. */
public final class IamUsers {
    private IamUsers() {
    }

    /** A new user allowed exactly {@code action} on every resource (an inline policy), and its access key. */
    public static AccessKey allowedTo(IamClient admin, String name, String action) {
        admin.createUser(r -> r.userName(name));
        admin.putUserPolicy(r -> r.userName(name).policyName("p").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                        + "\",\"Resource\":\"*\"}]}"));
        return admin.createAccessKey(r -> r.userName(name)).accessKey();
    }
}
