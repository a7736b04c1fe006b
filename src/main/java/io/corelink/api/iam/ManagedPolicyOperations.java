package io.corelink.api.iam;

import io.corelink.domain.iam.ManagedPolicy;
import io.corelink.domain.iam.ManagedPolicyVersion;
import io.corelink.service.IamService;
import io.corelink.service.Page;
import io.corelink.wire.json.Json;
import io.corelink.wire.query.QueryOperation;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * IAM's customer managed policies: CreatePolicy, GetPolicy, ListPolicies (scope {@code Local}; AWS managed policies
 * are not kept, so scope {@code AWS} lists nothing), DeletePolicy, and their versions: CreatePolicyVersion,
 * GetPolicyVersion, DeletePolicyVersion.
 */
final class ManagedPolicyOperations {
    private static final String POLICIES = "ListPolicies";

    private ManagedPolicyOperations() {
    }

    static QueryOperation createPolicy(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String name = input.policyName();
            String path = input.optional("Path", 1, 512, IamInput.POLICY_PATH);
            String document = input.document();
            String description = input.description();
            Map<String, String> tags = input.tags();
            input.check();
            ManagedPolicy policy = context.iam().createPolicy(name, path == null ? "/" : path, document,
                    description == null ? "" : description, tags);
            ObjectNode result = Json.object();
            ObjectNode shown = context.policy(policy, tags);
            shown.remove("Description"); // CreatePolicy's answer leaves it out, as AWS's does
            result.set("Policy", shown);
            return result;
        };
    }

    static QueryOperation getPolicy(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String arn = input.policyArn();
            input.check();
            IamService.PolicyWithTags found = context.iam().getPolicy(arn);
            ObjectNode result = Json.object();
            result.set("Policy", context.policy(found.policy(), found.tags()));
            return result;
        };
    }

    static QueryOperation listPolicies(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String scope = input.oneOf("Scope", List.of("All", "AWS", "Local"));
            String prefix = input.optional("PathPrefix", 1, 512, IamInput.POLICY_PATH);
            input.oneOf("PolicyUsageFilter", List.of("PermissionsPolicy", "PermissionsBoundary"));
            int max = input.maxItems();
            input.check();
            boolean none = "AWS".equals(scope) || "PermissionsBoundary".equals(request.string("PolicyUsageFilter"));
            Page<ManagedPolicy> page = none ? new Page<>(List.of(), false) : context.iam().listPolicies(
                    prefix == null ? "/" : prefix, input.flag("OnlyAttached"), context.after(request, POLICIES), max);
            // A listing leaves out the description (and tags), as AWS's does: GetPolicy gives them.
            return context.page(page, "Policies", POLICIES, policy -> IamService.positionOf(policy.name()),
                    policy -> context.policy(policy, Map.of()).without("Description"));
        };
    }

    static QueryOperation deletePolicy(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String arn = input.policyArn();
            input.check();
            context.iam().deletePolicy(arn);
            return null;
        };
    }

    static QueryOperation createPolicyVersion(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String arn = input.policyArn();
            String document = input.document();
            input.check();
            ManagedPolicyVersion version = context.iam().createPolicyVersion(arn, document,
                    input.flag("SetAsDefault"));
            ObjectNode shown = IamContext.version(version);
            shown.remove("Document"); // CreatePolicyVersion answers without the document, as AWS does
            ObjectNode result = Json.object();
            result.set("PolicyVersion", shown);
            return result;
        };
    }

    static QueryOperation getPolicyVersion(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String arn = input.policyArn();
            String versionId = input.versionId();
            input.check();
            ObjectNode result = Json.object();
            result.set("PolicyVersion", IamContext.version(context.iam().getPolicyVersion(arn, versionId)));
            return result;
        };
    }

    static QueryOperation deletePolicyVersion(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String arn = input.policyArn();
            String versionId = input.versionId();
            input.check();
            context.iam().deletePolicyVersion(arn, versionId);
            return null;
        };
    }
}
