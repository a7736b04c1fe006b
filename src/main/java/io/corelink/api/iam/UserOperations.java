package io.corelink.api.iam;

import io.corelink.domain.iam.IamUser;
import io.corelink.service.CallerIdentities;
import io.corelink.service.IamService;
import io.corelink.service.Page;
import io.corelink.wire.json.Json;
import io.corelink.wire.query.QueryOperation;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** IAM's user actions: CreateUser, GetUser, ListUsers, DeleteUser, TagUser and ListUserTags, one handler each. */
final class UserOperations {
    private static final String USERS = "ListUsers";

    private UserOperations() {
    }

    static QueryOperation createUser(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String name = input.userName("UserName", 64);
            String path = input.optional("Path", 1, 512, IamInput.PATH);
            Map<String, String> tags = input.tags();
            input.check();
            IamUser user = context.iam().createUser(name, path == null ? "/" : path, tags);
            ObjectNode result = Json.object();
            result.set("User", context.userWithTags(user, tags));
            return result;
        };
    }

    /** Without {@code UserName}: the caller, as AWS answers (the root as its account id and ARN). */
    static QueryOperation getUser(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String name = input.optional("UserName", 1, 128, IamInput.NAME);
            input.check();
            ObjectNode result = Json.object();
            if (name == null) {
                CallerIdentities.Caller caller = context.caller(request);
                IamUser self = caller.user();
                if (self == null) {
                    ObjectNode root = result.putObject("User");
                    root.put("UserId", caller.arn().split(":")[4]);
                    root.put("Arn", caller.arn());
                    return result;
                }
                name = self.name();
            }
            IamService.UserWithTags found = context.iam().getUser(name);
            result.set("User", context.userWithTags(found.user(), found.tags()));
            return result;
        };
    }

    static QueryOperation listUsers(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String prefix = input.optional("PathPrefix", 1, 512, IamInput.PATH_PREFIX);
            int max = input.maxItems();
            input.check();
            Page<IamUser> page = context.iam().listUsers(prefix == null ? "/" : prefix,
                    context.after(request, USERS), max);
            return context.page(page, "Users", USERS, user -> IamService.positionOf(user.name()), context::user);
        };
    }

    static QueryOperation deleteUser(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String name = input.userName("UserName", 128);
            input.check();
            context.iam().deleteUser(name);
            return null;
        };
    }

    static QueryOperation tagUser(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String name = input.userName("UserName", 128);
            Map<String, String> tags = input.tags();
            input.check();
            context.iam().tagUser(name, tags);
            return null;
        };
    }

    /** Every tag in one page (a user has at most 50). */
    static QueryOperation listUserTags(IamContext context) {
        return request -> {
            IamInput input = new IamInput(request);
            String name = input.userName("UserName", 128);
            input.maxItems();
            input.check();
            ObjectNode result = Json.object();
            result.set("Tags", IamContext.tags(context.iam().userTags(name)));
            result.put("IsTruncated", false);
            return result;
        };
    }
}
