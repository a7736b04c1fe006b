package io.corelink.api.iam;

import io.corelink.service.IamService;
import io.corelink.wire.query.QueryOperation;
import java.util.Locale;

/** Managed policies attached to users: AttachUserPolicy, DetachUserPolicy and ListAttachedUserPolicies. */
final class AttachedPolicyOperations {
    private AttachedPolicyOperations() {
    }

    static QueryOperation attachUserPolicy(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String user = input.userName("UserName", 64);
            String arn = input.policyArn();
            input.check();
            context.iam().attachUserPolicy(user, arn);
            return null;
        };
    }

    static QueryOperation detachUserPolicy(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String user = input.userName("UserName", 64);
            String arn = input.policyArn();
            input.check();
            context.iam().detachUserPolicy(user, arn);
            return null;
        };
    }

    static QueryOperation listAttachedUserPolicies(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String user = input.userName("UserName", 64);
            String prefix = input.optional("PathPrefix", 1, 512, IamInput.POLICY_PATH);
            int max = input.maxItems();
            input.check();
            String scope = "ListAttachedUserPolicies/" + user.toLowerCase(Locale.ROOT);
            var page = context.iam().attachedUserPolicies(user, prefix == null ? "/" : prefix,
                    context.after(request, scope), max);
            return context.page(page, "AttachedPolicies", scope, policy -> IamService.positionOf(policy.name()),
                    context::attached);
        };
    }
}
