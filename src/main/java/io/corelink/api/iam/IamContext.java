package io.corelink.api.iam;

import io.corelink.domain.iam.AccessKeyInfo;
import io.corelink.domain.iam.IamUser;
import io.corelink.domain.iam.ManagedPolicy;
import io.corelink.domain.iam.ManagedPolicyVersion;
import io.corelink.service.CallerIdentities;
import io.corelink.service.IamService;
import io.corelink.service.Page;
import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.json.Json;
import io.corelink.wire.paging.PageTokens;
import io.corelink.wire.query.QueryRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the IAM actions share: the service, the caller's identity (actions whose {@code UserName} is optional act on the
 * caller's own user), the sealed {@code Marker}s of their pages, and the XML shapes of users, keys and policies.
 */
final class IamContext {
    private final IamService iam;
    private final CallerIdentities identities;
    private final PageTokens tokens;

    IamContext(IamService iam, CallerIdentities identities, PageTokens tokens) {
        this.iam = iam;
        this.identities = identities;
        this.tokens = tokens;
    }

    IamService iam() {
        return iam;
    }

    /** The caller, as STS GetCallerIdentity and the self-acting IAM actions see it. */
    CallerIdentities.Caller caller(QueryRequest request) {
        return identities.find(request.callerKeyId()).orElseThrow(() -> new AwsException(
                AwsError.UnrecognizedClientException, "The security token included in the request is invalid."));
    }

    /**
     * {@code UserName} when given, else the caller's own user.
     *
     * @throws AwsException for the account's root without a user name: its key is the administrator's, managed by
     *     {@code corelink serve}, not through IAM
     */
    String userNameOr(@Nullable String given, QueryRequest request) {
        if (given != null) {
            return given;
        }
        IamUser self = caller(request).user();
        if (self == null) {
            throw new AwsException(AwsError.ValidationError, "The account's root has no IAM user: name the user "
                    + "(UserName). The administrator key is managed by 'corelink serve'.");
        }
        return self.name();
    }

    /** The position a {@code Marker} stands for, or null without one. */
    @Nullable String after(QueryRequest request, String scope) {
        String marker = request.string("Marker");
        if (marker == null) {
            return null;
        }
        return tokens.open(scope, marker).orElseThrow(() -> new AwsException(AwsError.ValidationError,
                "Invalid Marker: it was not given by a previous call of this action."));
    }

    /** Writes the page's members under {@code member} with {@code IsTruncated} and, when truncated, {@code Marker}. */
    <T> ObjectNode page(Page<T> page, String member, String scope, Function<T, String> position,
                        Function<T, Object> shape) {
        ObjectNode result = Json.object();
        ObjectNode list = result.putObject(member);
        var members = list.putArray("member");
        for (T item : page.items()) {
            Object shaped = shape.apply(item);
            if (shaped instanceof tools.jackson.databind.JsonNode node) {
                members.add(node);
            } else {
                members.add(String.valueOf(shaped));
            }
        }
        result.put("IsTruncated", page.hasMore());
        if (page.hasMore()) {
            result.put("Marker", tokens.seal(scope, position.apply(page.items().get(page.items().size() - 1))));
        }
        return result;
    }

    ObjectNode user(IamUser user) {
        ObjectNode node = Json.object();
        node.put("Path", user.path());
        node.put("UserName", user.name());
        node.put("UserId", user.userId());
        node.put("Arn", iam.userArn(user));
        node.put("CreateDate", IamInput.timestamp(user.createdAt()));
        return node;
    }

    ObjectNode userWithTags(IamUser user, Map<String, String> tags) {
        ObjectNode node = user(user);
        if (!tags.isEmpty()) {
            node.set("Tags", tags(tags));
        }
        return node;
    }

    static ObjectNode tags(Map<String, String> tags) {
        ObjectNode list = Json.object();
        var members = list.putArray("member");
        tags.forEach((key, value) -> members.addObject().put("Key", key).put("Value", value));
        return list;
    }

    static ObjectNode accessKey(AccessKeyInfo key) {
        ObjectNode node = Json.object();
        node.put("UserName", key.userName());
        node.put("AccessKeyId", key.accessKeyId());
        node.put("Status", key.status().name());
        node.put("CreateDate", IamInput.timestamp(key.createdAt()));
        return node;
    }

    ObjectNode policy(ManagedPolicy policy, Map<String, String> tags) {
        ObjectNode node = Json.object();
        node.put("PolicyName", policy.name());
        node.put("PolicyId", policy.policyId());
        node.put("Arn", iam.policyArn(policy));
        node.put("Path", policy.path());
        node.put("DefaultVersionId", policy.defaultVersionId());
        node.put("AttachmentCount", policy.attachmentCount());
        node.put("PermissionsBoundaryUsageCount", 0);
        node.put("IsAttachable", true);
        if (!policy.description().isEmpty()) {
            node.put("Description", policy.description());
        }
        node.put("CreateDate", IamInput.timestamp(policy.createdAt()));
        node.put("UpdateDate", IamInput.timestamp(policy.updatedAt()));
        if (!tags.isEmpty()) {
            node.set("Tags", tags(tags));
        }
        return node;
    }

    ObjectNode attached(ManagedPolicy policy) {
        ObjectNode node = Json.object();
        node.put("PolicyName", policy.name());
        node.put("PolicyArn", iam.policyArn(policy));
        return node;
    }

    /** A version; the document percent-encoded, as IAM returns documents (RFC 3986). */
    static ObjectNode version(ManagedPolicyVersion version) {
        ObjectNode node = Json.object();
        node.put("Document", encodedDocument(version.document()));
        node.put("VersionId", version.versionId());
        node.put("IsDefaultVersion", version.isDefault());
        node.put("CreateDate", IamInput.timestamp(version.createdAt()));
        return node;
    }

    /** IAM answers policy documents URL-encoded; the AWS CLI and SDKs decode them (botocore does, the CLI shows JSON). */
    static String encodedDocument(String document) {
        return io.corelink.wire.http.PercentCodec.encode(document, false);
    }

    static List<String> statuses() {
        return List.of("Active", "Inactive", "Expired");
    }
}
