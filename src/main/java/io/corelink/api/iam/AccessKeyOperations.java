package io.corelink.api.iam;

import io.corelink.domain.iam.AccessKeyStatus;
import io.corelink.domain.iam.NewAccessKey;
import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.json.Json;
import io.corelink.wire.query.QueryOperation;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * IAM's access-key actions: CreateAccessKey (the one answer that shows a secret), ListAccessKeys, UpdateAccessKey and
 * DeleteAccessKey. Without {@code UserName} they act on the caller's own user.
 */
final class AccessKeyOperations {
    private AccessKeyOperations() {
    }

    static QueryOperation createAccessKey(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String given = input.optional("UserName", 1, 128, IamInput.NAME);
            input.check();
            NewAccessKey created = context.iam().createAccessKey(context.userNameOr(given, request));
            ObjectNode key = IamContext.accessKey(created.key());
            key.put("SecretAccessKey", created.secretAccessKey());
            ObjectNode result = Json.object();
            result.set("AccessKey", key);
            return result;
        };
    }

    /** Every key in one page (a user has at most two). */
    static QueryOperation listAccessKeys(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String given = input.optional("UserName", 1, 128, IamInput.NAME);
            input.maxItems();
            input.check();
            ObjectNode result = Json.object();
            var members = result.putObject("AccessKeyMetadata").putArray("member");
            context.iam().listAccessKeys(context.userNameOr(given, request))
                    .forEach(key -> members.add(IamContext.accessKey(key)));
            result.put("IsTruncated", false);
            return result;
        };
    }

    static QueryOperation updateAccessKey(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String given = input.optional("UserName", 1, 128, IamInput.NAME);
            String keyId = input.accessKeyId();
            String status = input.oneOf("Status", IamContext.statuses());
            if (request.string("Status") == null) {
                input.required("Status", 0, 16, IamInput.NAME);
            }
            input.check();
            if ("Expired".equals(status)) {
                throw new AwsException(AwsError.InvalidInput, "An access key cannot be set to Expired.");
            }
            context.iam().updateAccessKey(context.userNameOr(given, request), keyId,
                    AccessKeyStatus.valueOf(Objects.requireNonNull(status)));
            return null;
        };
    }

    static QueryOperation deleteAccessKey(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String given = input.optional("UserName", 1, 128, IamInput.NAME);
            String keyId = input.accessKeyId();
            input.check();
            context.iam().deleteAccessKey(context.userNameOr(given, request), keyId);
            return null;
        };
    }
}
