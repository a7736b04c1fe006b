package io.corelink.api.iam;

import io.corelink.wire.json.Json;
import io.corelink.wire.query.QueryOperation;
import tools.jackson.databind.node.ObjectNode;

/** IAM's inline user policies: PutUserPolicy, GetUserPolicy, ListUserPolicies and DeleteUserPolicy. */
final class UserPolicyOperations {
    private UserPolicyOperations() {
    }

    static QueryOperation putUserPolicy(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String user = input.userName("UserName", 128);
            String name = input.policyName();
            String document = input.document();
            input.check();
            context.iam().putUserPolicy(user, name, document);
            return null;
        };
    }

    /** The document as IAM answers it: URL-encoded. */
    static QueryOperation getUserPolicy(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String user = input.userName("UserName", 128);
            String name = input.policyName();
            input.check();
            String[] found = context.iam().getUserPolicy(user, name);
            ObjectNode result = Json.object();
            result.put("UserName", context.iam().getUser(user).user().name());
            result.put("PolicyName", found[0]);
            result.put("PolicyDocument", IamContext.encodedDocument(found[1]));
            return result;
        };
    }

    static QueryOperation listUserPolicies(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String user = input.userName("UserName", 128);
            int max = input.maxItems();
            input.check();
            String scope = "ListUserPolicies/" + user.toLowerCase(java.util.Locale.ROOT);
            var page = context.iam().listUserPolicies(user, context.after(request, scope), max);
            return context.page(page, "PolicyNames", scope, io.corelink.service.IamService::positionOf,
                    name -> name);
        };
    }

    static QueryOperation deleteUserPolicy(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String user = input.userName("UserName", 128);
            String name = input.policyName();
            input.check();
            context.iam().deleteUserPolicy(user, name);
            return null;
        };
    }
}
