package io.corelink.policy;

import org.jspecify.annotations.Nullable;
import java.util.List;

/**
 * One statement of a policy document, parsed: its effect, the actions and resources it names (or, with
 * {@code NotAction}/{@code NotResource}, excludes) and its conditions, all of which must hold.
 */
public final class Statement {
    /** {@code Allow} or {@code Deny}. */
    public enum Effect { ALLOW, DENY }

    private final @Nullable String sid;
    private final int index;
    private final Effect effect;
    private final List<Glob> actions;
    private final boolean notAction;
    private final List<Template> resources;
    private final boolean notResource;
    private final List<Condition> conditions;

    Statement(@Nullable String sid, int index, Effect effect, List<Glob> actions, boolean notAction,
              List<Template> resources, boolean notResource, List<Condition> conditions) {
        this.sid = sid;
        this.index = index;
        this.effect = effect;
        this.actions = List.copyOf(actions);
        this.notAction = notAction;
        this.resources = List.copyOf(resources);
        this.notResource = notResource;
        this.conditions = List.copyOf(conditions);
    }

    /** The statement's {@code Sid}, or null. */
    public @Nullable String sid() {
        return sid;
    }

    /** Its position in the document, from 0. */
    public int index() {
        return index;
    }

    public Effect effect() {
        return effect;
    }

    /** Whether the statement applies to the request. */
    boolean appliesTo(RequestContext context) {
        return actionMatches(context.action()) && resourceMatches(context) && conditionsHold(context);
    }

    private boolean actionMatches(String action) {
        boolean named = false;
        for (Glob glob : actions) {
            if (glob.matches(action)) {
                named = true;
                break;
            }
        }
        return named != notAction;
    }

    /**
     * A resource entry whose variable has no value for the request matches nothing; under {@code NotResource} such
     * an entry makes the whole statement match nothing, so that a missing value can never widen it.
     */
    private boolean resourceMatches(RequestContext context) {
        boolean named = false;
        for (Template template : resources) {
            Glob glob = template.resolve(context);
            if (glob == null) {
                if (notResource) {
                    return false;
                }
            } else if (glob.matches(context.resource())) {
                named = true;
            }
        }
        return named != notResource;
    }

    private boolean conditionsHold(RequestContext context) {
        for (Condition condition : conditions) {
            if (!condition.holds(context)) {
                return false;
            }
        }
        return true;
    }

    /** How a decision names this statement: its Sid, or its position. */
    public String label() {
        return sid != null && !sid.isEmpty() ? sid : "statement " + (index + 1);
    }
}
