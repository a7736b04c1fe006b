package io.corelink.policy;

import org.jspecify.annotations.Nullable;
import java.util.List;

/**
 * IAM's evaluation logic for identity-based policies, shared by IoT policies (access-control.md §1): deny by default;
 * a statement of any policy that applies and denies wins over everything; otherwise one that applies and allows
 * grants. Pure and thread-safe; the documents are parsed once, so evaluating is matching only.
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {
    }

    public static Decision evaluate(List<NamedPolicy> policies, RequestContext context) {
        @Nullable Decision allowed = null;
        for (NamedPolicy policy : policies) {
            for (Statement statement : policy.document().statements()) {
                if (!statement.appliesTo(context)) {
                    continue;
                }
                if (statement.effect() == Statement.Effect.DENY) {
                    return new Decision(Decision.Outcome.EXPLICIT_DENY, policy.name(), statement);
                }
                if (allowed == null) {
                    allowed = new Decision(Decision.Outcome.ALLOWED, policy.name(), statement);
                }
            }
        }
        return allowed != null ? allowed : Decision.IMPLICITLY_DENIED;
    }
}
