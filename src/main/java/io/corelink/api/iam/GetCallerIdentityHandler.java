package io.corelink.api.iam;

import io.corelink.domain.iam.IamUser;
import io.corelink.service.CallerIdentities;
import io.corelink.wire.json.Json;
import io.corelink.wire.query.QueryOperation;
import io.corelink.wire.query.QueryRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * STS GetCallerIdentity: who signed the request. For an IAM user its id and ARN; for the administrator key the
 * account's root, whose user id is the account id, as AWS answers for root credentials.
 */
final class GetCallerIdentityHandler implements QueryOperation {
    private final IamContext context;
    private final String accountId;

    GetCallerIdentityHandler(IamContext context, String accountId) {
        this.context = context;
        this.accountId = accountId;
    }

    @Override
    public ObjectNode handle(QueryRequest request) {
        CallerIdentities.Caller caller = context.caller(request);
        IamUser user = caller.user();
        ObjectNode result = Json.object();
        result.put("UserId", user == null ? accountId : user.userId());
        result.put("Account", accountId);
        result.put("Arn", caller.arn());
        return result;
    }
}
