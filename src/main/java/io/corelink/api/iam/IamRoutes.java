package io.corelink.api.iam;

import io.corelink.domain.Account;
import io.corelink.service.CallerIdentities;
import io.corelink.service.IamService;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.Permission;
import io.corelink.wire.paging.PageTokens;
import io.corelink.wire.query.QueryOperation;
import io.corelink.wire.query.QueryRequest;
import io.corelink.wire.query.QueryRoute;
import io.corelink.wire.query.QueryRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The IAM and STS actions of access-control.md §4 and the permission each needs (§5): {@code iam:<Action>} on the
 * user's ARN (its path as stored), the policy's ARN as given, or the users' and policies' ARN prefix for the lists;
 * {@code sts:GetCallerIdentity}, which every caller may call.
 */
public final class IamRoutes {
    private final List<QueryRoute> routes = new ArrayList<>();
    private final Account account;
    private final IamService iam;
    private final IamContext context;

    private IamRoutes(Account account, IamService iam, CallerIdentities identities, PageTokens tokens) {
        this.account = account;
        this.iam = iam;
        this.context = new IamContext(iam, identities, tokens);
    }

    public static QueryRouter router(Account account, IamService iam, CallerIdentities identities,
                                     PageTokens tokens) {
        IamRoutes table = new IamRoutes(account, iam, identities, tokens);
        IamContext context = table.context;
        table.user("CreateUser", UserOperations.createUser(context));
        table.user("GetUser", UserOperations.getUser(context));
        table.iam("ListUsers", UserOperations.listUsers(context), table.list("user"));
        table.user("DeleteUser", UserOperations.deleteUser(context));
        table.user("TagUser", UserOperations.tagUser(context));
        table.user("ListUserTags", UserOperations.listUserTags(context));
        table.user("CreateAccessKey", AccessKeyOperations.createAccessKey(context));
        table.user("ListAccessKeys", AccessKeyOperations.listAccessKeys(context));
        table.user("UpdateAccessKey", AccessKeyOperations.updateAccessKey(context));
        table.user("DeleteAccessKey", AccessKeyOperations.deleteAccessKey(context));
        table.user("PutUserPolicy", UserPolicyOperations.putUserPolicy(context));
        table.user("GetUserPolicy", UserPolicyOperations.getUserPolicy(context));
        table.user("ListUserPolicies", UserPolicyOperations.listUserPolicies(context));
        table.user("DeleteUserPolicy", UserPolicyOperations.deleteUserPolicy(context));
        table.user("AttachUserPolicy", AttachedPolicyOperations.attachUserPolicy(context));
        table.user("DetachUserPolicy", AttachedPolicyOperations.detachUserPolicy(context));
        table.user("ListAttachedUserPolicies", AttachedPolicyOperations.listAttachedUserPolicies(context));
        table.iam("CreatePolicy", ManagedPolicyOperations.createPolicy(context), table::creatingPolicy);
        table.policy("GetPolicy", ManagedPolicyOperations.getPolicy(context));
        table.iam("ListPolicies", ManagedPolicyOperations.listPolicies(context), table.list("policy"));
        table.policy("DeletePolicy", ManagedPolicyOperations.deletePolicy(context));
        table.policy("CreatePolicyVersion", ManagedPolicyOperations.createPolicyVersion(context));
        table.policy("GetPolicyVersion", ManagedPolicyOperations.getPolicyVersion(context));
        table.policy("DeletePolicyVersion", ManagedPolicyOperations.deletePolicyVersion(context));
        table.routes.add(new QueryRoute(ServiceFamily.STS, "GetCallerIdentity",
                request -> new Permission("sts:GetCallerIdentity", "*"),
                new GetCallerIdentityHandler(context, account.accountId())));
        return new QueryRouter(table.routes);
    }

    private void iam(String action, QueryOperation operation, Function<QueryRequest, Permission> permission) {
        routes.add(new QueryRoute(ServiceFamily.IAM, action, permission, operation));
    }

    /** An action on one user: {@code UserName}, else the caller itself; with the tags CreateUser and TagUser give. */
    private void user(String action, QueryOperation operation) {
        iam(action, operation, request -> {
            Permission permission = new Permission("iam:" + action, userArn(request, action));
            if ("CreateUser".equals(action) && request.has("Tags")) {
                permission = permission.alsoNeeding("iam:TagUser"); // AWS's dependent action
            }
            return "CreateUser".equals(action) || "TagUser".equals(action)
                    ? withRequestTags(permission, request) : permission;
        });
    }

    private void policy(String action, QueryOperation operation) {
        iam(action, operation, request -> new Permission("iam:" + action, orAny(request.string("PolicyArn"))));
    }

    private Permission creatingPolicy(QueryRequest request) {
        String name = request.string("PolicyName");
        String path = request.string("Path");
        Permission permission = new Permission("iam:CreatePolicy", name == null ? "*"
                : account.iamPolicyArn(path == null ? "/" : path, name));
        if (request.has("Tags")) {
            permission = permission.alsoNeeding("iam:TagPolicy"); // AWS's dependent action
        }
        return withRequestTags(permission, request);
    }

    /**
     * ListUsers: the ARN prefix of the users that may be listed ({@code arn:aws:iam::<a>:user/}); ListPolicies, which
     * has no resource type, is named as AWS names it in its denials ({@code policy path /}), so only {@code *}
     * matches it.
     */
    private Function<QueryRequest, Permission> list(String kind) {
        return request -> {
            String prefix = request.string("PathPrefix");
            String path = prefix == null ? "/" : prefix;
            return "user".equals(kind) ? new Permission("iam:ListUsers", account.iamUserArn(path, ""))
                    : new Permission("iam:ListPolicies", "policy path " + path);
        };
    }

    private String userArn(QueryRequest request, String action) {
        String name = request.string("UserName");
        if ("CreateUser".equals(action)) {
            String path = request.string("Path");
            return name == null ? "*" : account.iamUserArn(path == null ? "/" : path, name);
        }
        if (name == null) {
            return context.caller(request).arn(); // the actions that default to the caller's own user
        }
        return iam.storedUserArn(name);
    }

    private static Permission withRequestTags(Permission permission, QueryRequest request) {
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, @Nullable String> tag : request.pairs("Tags", "Key", "Value")) {
            String value = tag.getValue();
            tags.put(tag.getKey(), value == null ? "" : value);
        }
        return permission.withRequestTags(tags);
    }

    private static String orAny(@Nullable String value) {
        return value == null || value.isEmpty() ? "*" : value;
    }
}
