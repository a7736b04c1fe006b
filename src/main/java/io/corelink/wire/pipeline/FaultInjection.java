package io.corelink.wire.pipeline;

import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.AwsException;
import io.corelink.wire.error.ServiceFamily;
import io.corelink.wire.http.Permission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The fault stage of the pipeline (operations.md §2, only with {@code serve --fault-injection}): injects latency,
 * errors in exactly the shape a real one of the call's service has (so that an SDK's retry logic reacts as on AWS),
 * and dropped connections, by the rules an operator sets through {@code /_corelink/faults}. Runs after authorization
 * and the limits, so that an injected error never hides a denial. Corelink's own actions are never faulted (the
 * faults endpoint must stay reachable). Rules are this node's, in memory; a replacement applies to the next call.
 */
public final class FaultInjection implements Stage {
    private static final Map<ServiceFamily, Set<String>> ERRORS = Map.of(
            ServiceFamily.GREENGRASS, Set.of("ValidationException", "AccessDeniedException", "ConflictException",
                    "ResourceNotFoundException", "ThrottlingException", "InternalServerException"),
            ServiceFamily.IOT, Set.of("InvalidRequestException", "ResourceNotFoundException",
                    "ResourceAlreadyExistsException", "VersionConflictException", "ThrottlingException",
                    "InternalFailureException", "ServiceUnavailableException", "CertificateStateException",
                    "CertificateValidationException", "DeleteConflictException", "LimitExceededException",
                    "MalformedPolicyException", "VersionsLimitExceededException", "AccessDeniedException"),
            ServiceFamily.IAM, Set.of("NoSuchEntity", "EntityAlreadyExists", "DeleteConflict", "LimitExceeded",
                    "MalformedPolicyDocument", "InvalidInput", "ValidationError", "ServiceFailure", "Throttling",
                    "AccessDenied"),
            ServiceFamily.STS, Set.of("AccessDenied", "Throttling", "InternalFailure", "ValidationError"));
    private static final Map<String, ServiceFamily> SERVICES = Map.of("greengrass", ServiceFamily.GREENGRASS,
            "iot", ServiceFamily.IOT, "iam", ServiceFamily.IAM, "sts", ServiceFamily.STS);

    /** A rule in force, with how often it fired. */
    private record Active(FaultRule rule, Pattern pattern, AtomicLong fired) {
    }

    /** A rule as {@code GET /_corelink/faults} shows it. */
    public record Status(FaultRule rule, long fired) {
    }

    private volatile List<Active> rules = List.of();

    /**
     * Replaces every rule.
     *
     * @throws IllegalArgumentException naming a rule whose error is no error shape of the service its action names
     */
    public void replace(List<FaultRule> newRules) {
        for (int i = 0; i < newRules.size(); i++) {
            FaultRule rule = newRules.get(i);
            if (rule.error() != null && !FaultRule.RESET.equals(rule.error()) && !isKnown(rule)) {
                throw new IllegalArgumentException("rules[" + i + "].error '" + rule.error() + "' is no error of "
                        + "the service of " + rule.action() + ": use one of " + knownFor(rule) + " or reset");
            }
        }
        rules = newRules.stream().map(rule -> new Active(rule, ActionPatterns.compile(rule.action()), new AtomicLong())).toList();
    }

    public List<Status> status() {
        return rules.stream().map(active -> new Status(active.rule(), active.fired().get())).toList();
    }

    @Override
    public void admit(Call call) {
        List<Active> current = rules;
        Permission permission = call.permission();
        if (current.isEmpty() || permission == null || permission.action().startsWith("corelink:")) {
            return;
        }
        for (Active active : current) {
            FaultRule rule = active.rule();
            String error = rule.error();
            // A wildcard rule's error that the called service does not have is not this call's fault: it neither
            // fires nor uses up the rule's count.
            boolean injectable = error == null || FaultRule.RESET.equals(error)
                    || ERRORS.getOrDefault(call.family(), Set.of()).contains(error);
            if (!injectable || !active.pattern().matcher(permission.action()).matches()
                    || ThreadLocalRandom.current().nextDouble() >= rule.probability() || !take(active)) {
                continue;
            }
            sleep(rule.latencyMs());
            if (error == null) {
                continue;
            }
            String reason = "fault injected by the rule for " + rule.action() + ": " + error;
            if (FaultRule.RESET.equals(error)) {
                throw new ConnectionDropped(reason);
            }
            // Throttles and denials go through the plane, so that each plane's own shape answers them (Discover's
            // 429 and 403 bodies); the rest are errors of the catalogue, marked as injected in the log.
            if ("ThrottlingException".equals(error) || "Throttling".equals(error)) {
                throw new RateLimited(reason, 1);
            }
            if ("AccessDeniedException".equals(error) || "AccessDenied".equals(error)) {
                throw new AccessRefused(reason, "Injected by a Corelink fault rule.");
            }
            Optional<AwsException> injected = injected(call, error);
            if (injected.isPresent()) {
                call.refusedBecause(null, reason);
                throw injected.get();
            }
        }
    }

    /** Counts a firing unless the rule has expired. */
    private static boolean take(Active active) {
        Long count = active.rule().count();
        if (count == null) {
            active.fired().incrementAndGet();
            return true;
        }
        long fired;
        do {
            fired = active.fired().get();
            if (fired >= count) {
                return false;
            }
        } while (!active.fired().compareAndSet(fired, fired + 1));
        return true;
    }

    private static Optional<AwsException> injected(Call call, String error) {
        ServiceFamily family = call.family();
        if (!ERRORS.getOrDefault(family, Set.of()).contains(error)) {
            return Optional.empty(); // a wildcard rule's error that this service does not have
        }
        for (AwsError candidate : AwsError.values()) {
            String code = family.isQuery() ? candidate.queryCode() : candidate.shapeName();
            if (code.equals(error) && !(family == ServiceFamily.STS && candidate == AwsError.ServiceFailure)) {
                return Optional.of(new AwsException(candidate, candidate.isServerFault()
                        ? "An internal error occurred. Request id " + call.requestId() + "."
                        : "Injected by a Corelink fault rule.", members(family, candidate, call.permission())));
            }
        }
        return Optional.empty();
    }

    /**
     * The members a real error of that shape carries (see {@code DomainErrors}), naming the resource the call is
     * about: a client that reads {@code resourceId} or {@code reason} finds them as it would on AWS.
     */
    private static Map<String, Object> members(ServiceFamily family, AwsError error, @Nullable Permission permission) {
        String resource = permission == null ? "*" : permission.resource();
        Map<String, Object> members = new LinkedHashMap<>();
        if (family == ServiceFamily.GREENGRASS && error == AwsError.ValidationException) {
            members.put("reason", "OTHER");
        } else if (!resource.startsWith("arn:")) {
            return members; // a call on no one resource (ListCoreDevices): nothing to name
        } else if (family == ServiceFamily.GREENGRASS && (error == AwsError.ResourceNotFoundException
                || error == AwsError.ConflictException)) {
            NamedResource named = NamedResource.of(resource);
            members.put("resourceId", named.id());
            members.put("resourceType", named.type());
        } else if (family == ServiceFamily.IOT && error == AwsError.ResourceAlreadyExistsException) {
            members.put("resourceId", NamedResource.of(resource).id());
            members.put("resourceArn", resource);
        }
        return members;
    }

    /** The type and id an ARN's resource part names, as AWS's errors name them. */
    private record NamedResource(String type, String id) {
        /**
         * {@code coreDevice}/{@code core-1} of {@code arn:…:coreDevices:core-1}, {@code thing}/{@code s-1} of
         * {@code arn:…:thing/s-1}.
         */
        static NamedResource of(String arn) {
            String[] parts = arn.split(":", 6);
            String part = parts.length == 6 ? parts[5] : arn;
            int colon = part.indexOf(':');
            int slash = part.indexOf('/');
            int separator = colon < 0 ? slash : slash < 0 ? colon : Math.min(colon, slash);
            if (separator < 0) {
                return new NamedResource(part, part);
            }
            String type = part.substring(0, separator);
            return new NamedResource(switch (type) {
                case "coreDevices" -> "coreDevice";
                case "cert" -> "certificate";
                default -> type;
            }, part.substring(separator + 1));
        }
    }

    private static boolean isKnown(FaultRule rule) {
        return knownFor(rule).contains(rule.error());
    }

    /** The errors a rule's action may inject: its service's, or every service's for a wildcard service. */
    private static List<String> knownFor(FaultRule rule) {
        int colon = rule.action().indexOf(':');
        @Nullable ServiceFamily family = colon < 0 ? null : SERVICES.get(rule.action().substring(0, colon)
                .toLowerCase(Locale.ROOT));
        return (family == null ? ERRORS.values().stream().flatMap(Set::stream)
                : ERRORS.getOrDefault(family, Set.of()).stream()).distinct().sorted().toList();
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
