package io.corelink.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** IAM's evaluation rules, each with a concrete document (access-control.md §1). */
class PolicyEvaluatorTest {
    private static final String THING = "arn:aws:iot:eu-west-1:123456789012:thing/";

    private static PolicyDocument document(String statements) {
        return PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}",
                PolicyDocument.MAX_CHARACTERS);
    }

    private static Decision decide(String statements, RequestContext context) {
        return PolicyEvaluator.evaluate(List.of(new NamedPolicy("p", document(statements))), context);
    }

    private static boolean allows(String statements, RequestContext context) {
        return decide(statements, context).allowed();
    }

    private static RequestContext discover(String thing) {
        return RequestContext.builder("greengrass:Discover", THING + thing).build();
    }

    private static String allow(String action, String resource) {
        return "{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}";
    }

    @Nested
    class Actions {
        @Test
        void matchCaseInsensitively_withWildcards() {
            assertThat(allows(allow("GreenGrass:discover", "*"), discover("d"))).isTrue();
            assertThat(allows(allow("greengrass:*", "*"), discover("d"))).isTrue();
            assertThat(allows(allow("*", "*"), discover("d"))).isTrue();
            assertThat(allows(allow("greengrass:Disc?ver", "*"), discover("d"))).isTrue();
            assertThat(allows(allow("greengrass:Disc?", "*"), discover("d"))).isFalse();
            assertThat(allows(allow("iot:*", "*"), discover("d"))).as("another service").isFalse();
            assertThat(allows(allow("greengrass:Discovery", "*"), discover("d"))).as("whole name only").isFalse();
        }

        @Test
        void notAction_allowsEverythingElse() {
            String statement = "{\"Effect\":\"Allow\",\"NotAction\":[\"greengrass:Put*\",\"iot:*\"],\"Resource\":\"*\"}";
            assertThat(allows(statement, discover("d"))).isTrue();
            assertThat(allows(statement, RequestContext.builder("greengrass:PutCertificateAuthorities", "*").build()))
                    .isFalse();
        }
    }

    @Nested
    class Resources {
        @Test
        void starMatchesAcrossColonsAndSlashes_questionMarkOneCharacter_caseSensitive() {
            assertThat(allows(allow("greengrass:Discover", "arn:aws:iot:*"), discover("a:b/c"))).isTrue();
            assertThat(allows(allow("greengrass:Discover", "arn:*:thing/sensor-*"), discover("sensor-1"))).isTrue();
            assertThat(allows(allow("greengrass:Discover", THING + "sensor-?"), discover("sensor-1"))).isTrue();
            assertThat(allows(allow("greengrass:Discover", THING + "sensor-?"), discover("sensor-12"))).isFalse();
            assertThat(allows(allow("greengrass:Discover", THING + "Sensor-1"), discover("sensor-1"))).isFalse();
            assertThat(allows(allow("greengrass:Discover", THING + "sensor-1"), discover("sensor-1"))).isTrue();
            assertThat(allows(allow("greengrass:Discover", THING + "*-1"), discover("a-1-1"))).as("backtracks")
                    .isTrue();
        }

        @Test
        void notResource_coversEverythingElse() {
            String statement = "{\"Effect\":\"Allow\",\"Action\":\"greengrass:Discover\",\"NotResource\":\"" + THING
                    + "secret-*\"}";
            assertThat(allows(statement, discover("open"))).isTrue();
            assertThat(allows(statement, discover("secret-1"))).isFalse();
        }

        @Test
        void anyOfAListMatches() {
            String statement = "{\"Effect\":\"Allow\",\"Action\":[\"greengrass:Discover\"],\"Resource\":[\"" + THING
                    + "a\",\"" + THING + "b\"]}";
            assertThat(allows(statement, discover("b"))).isTrue();
            assertThat(allows(statement, discover("c"))).isFalse();
        }
    }

    @Nested
    class Decisions {
        @Test
        void anExplicitDenyInAnyPolicyWins_andNamesItsStatement() {
            NamedPolicy allowAll = new NamedPolicy("allow-all", document("[" + allow("*", "*") + "]"));
            NamedPolicy denyOne = new NamedPolicy("deny-one", document("[{\"Sid\":\"NoSecrets\",\"Effect\":\"Deny\","
                    + "\"Action\":\"greengrass:Discover\",\"Resource\":\"" + THING + "secret\"}]"));
            Decision denied = PolicyEvaluator.evaluate(List.of(allowAll, denyOne), discover("secret"));
            assertThat(denied.outcome()).isEqualTo(Decision.Outcome.EXPLICIT_DENY);
            assertThat(denied.policyName()).isEqualTo("deny-one");
            assertThat(denied.statement().label()).isEqualTo("NoSecrets");

            Decision allowed = PolicyEvaluator.evaluate(List.of(allowAll, denyOne), discover("open"));
            assertThat(allowed.outcome()).isEqualTo(Decision.Outcome.ALLOWED);
            assertThat(allowed.policyName()).isEqualTo("allow-all");
            assertThat(allowed.statement().label()).isEqualTo("statement 1");
        }

        @Test
        void nothingThatApplies_isAnImplicitDeny() {
            Decision decision = decide("[" + allow("iot:Connect", "*") + "]", discover("d"));
            assertThat(decision.outcome()).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
            assertThat(decision.policyName()).isNull();
            assertThat(PolicyEvaluator.evaluate(List.of(), discover("d")).allowed()).isFalse();
        }

        @Test
        void aDenyThatDoesNotApply_grantsNothingAndTakesNothing() {
            String statements = "[" + allow("greengrass:*", "*") + ",{\"Effect\":\"Deny\",\"Action\":\"iot:*\","
                    + "\"Resource\":\"*\"}]";
            assertThat(allows(statements, discover("d"))).isTrue();
        }
    }

    @Nested
    class Conditions {
        private RequestContext withKey(String key, String value) {
            return RequestContext.builder("iot:DescribeThing", THING + "t").with(key, value).build();
        }

        private String when(String condition) {
            return "{\"Effect\":\"Allow\",\"Action\":\"iot:DescribeThing\",\"Resource\":\"*\",\"Condition\":"
                    + condition + "}";
        }

        @Test
        void stringOperators() {
            assertThat(allows(when("{\"StringEquals\":{\"aws:username\":\"alice\"}}"), withKey("aws:username",
                    "alice"))).isTrue();
            assertThat(allows(when("{\"StringEquals\":{\"aws:username\":\"alice\"}}"), withKey("aws:username",
                    "Alice"))).isFalse();
            assertThat(allows(when("{\"StringEquals\":{\"aws:username\":\"a*\"}}"), withKey("aws:username",
                    "alice"))).as("no wildcards in StringEquals").isFalse();
            assertThat(allows(when("{\"StringEqualsIgnoreCase\":{\"aws:username\":\"ALICE\"}}"),
                    withKey("aws:username", "alice"))).isTrue();
            assertThat(allows(when("{\"StringLike\":{\"aws:username\":[\"bob\",\"al?c*\"]}}"),
                    withKey("aws:username", "alice"))).as("any value of a list").isTrue();
            assertThat(allows(when("{\"StringNotLike\":{\"aws:username\":[\"bob\",\"al*\"]}}"),
                    withKey("aws:username", "alice"))).isFalse();
            assertThat(allows(when("{\"StringNotEquals\":{\"aws:username\":\"bob\"}}"), withKey("aws:username",
                    "alice"))).isTrue();
            assertThat(allows(when("{\"StringEquals\":{\"AWS:UserName\":\"alice\"}}"), withKey("aws:username",
                    "alice"))).as("key names are case-insensitive").isTrue();
        }

        @Test
        void aMissingKey_failsPositiveOperators_passesNegatedOnes_IfExists_andNull() {
            RequestContext none = RequestContext.builder("iot:DescribeThing", THING + "t").build();
            assertThat(allows(when("{\"StringEquals\":{\"aws:username\":\"alice\"}}"), none)).isFalse();
            assertThat(allows(when("{\"StringNotEquals\":{\"aws:username\":\"alice\"}}"), none)).isTrue();
            assertThat(allows(when("{\"StringEqualsIfExists\":{\"aws:username\":\"alice\"}}"), none)).isTrue();
            assertThat(allows(when("{\"StringEqualsIfExists\":{\"aws:username\":\"alice\"}}"),
                    withKey("aws:username", "bob"))).as("IfExists checks a present key").isFalse();
            assertThat(allows(when("{\"Null\":{\"aws:username\":\"true\"}}"), none)).isTrue();
            assertThat(allows(when("{\"Null\":{\"aws:username\":\"false\"}}"), none)).isFalse();
            assertThat(allows(when("{\"Null\":{\"aws:username\":false}}"), withKey("aws:username", "a"))).isTrue();
        }

        @Test
        void setOperators_onTagKeys_includingTheEmptySet() {
            String onlyTeamKeys = when("{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\",\"owner\"]}}");
            String anyTeamKey = when("{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"team\"]}}");
            RequestContext.Builder base = RequestContext.builder("iot:DescribeThing", THING + "t");
            RequestContext teamOnly = RequestContext.builder("iot:DescribeThing", THING + "t")
                    .withAll("aws:TagKeys", List.of("team")).build();
            RequestContext teamAndCost = RequestContext.builder("iot:DescribeThing", THING + "t")
                    .withAll("aws:TagKeys", List.of("team", "cost")).build();
            RequestContext empty = RequestContext.builder("iot:DescribeThing", THING + "t")
                    .withAll("aws:TagKeys", List.of()).build();
            assertThat(allows(onlyTeamKeys, teamOnly)).isTrue();
            assertThat(allows(onlyTeamKeys, teamAndCost)).isFalse();
            assertThat(allows(onlyTeamKeys, empty)).as("ForAllValues over the empty set").isTrue();
            assertThat(allows(onlyTeamKeys, base.build())).as("ForAllValues without the key").isTrue();
            assertThat(allows(anyTeamKey, teamAndCost)).isTrue();
            assertThat(allows(anyTeamKey, empty)).as("ForAnyValue over the empty set").isFalse();
            assertThat(allows(when("{\"ForAllValues:StringNotEquals\":{\"aws:TagKeys\":[\"secret\"]}}"),
                    teamAndCost)).isTrue();
        }

        @Test
        void everyKeyAndEveryOperatorMustHold() {
            String both = when("{\"StringEquals\":{\"aws:username\":\"alice\",\"aws:userid\":\"AIDA1\"},"
                    + "\"Bool\":{\"aws:SecureTransport\":\"true\"}}");
            RequestContext.Builder alice = RequestContext.builder("iot:DescribeThing", THING + "t")
                    .with("aws:username", "alice").with("aws:userid", "AIDA1");
            assertThat(allows(both, alice.with("aws:SecureTransport", "true").build())).isTrue();
            assertThat(allows(both, alice.with("aws:SecureTransport", "false").build())).isFalse();
        }

        @Test
        void ipAddresses_v4AndV6() {
            String office = when("{\"IpAddress\":{\"aws:SourceIp\":[\"203.0.113.0/24\",\"2001:db8::/32\"]}}");
            assertThat(allows(office, withKey("aws:SourceIp", "203.0.113.77"))).isTrue();
            assertThat(allows(office, withKey("aws:SourceIp", "203.0.114.1"))).isFalse();
            assertThat(allows(office, withKey("aws:SourceIp", "2001:db8:1::5"))).isTrue();
            assertThat(allows(office, withKey("aws:SourceIp", "not-an-address"))).isFalse();
            assertThat(allows(when("{\"NotIpAddress\":{\"aws:SourceIp\":\"127.0.0.1\"}}"),
                    withKey("aws:SourceIp", "127.0.0.1"))).isFalse();
            assertThat(allows(when("{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}"),
                    withKey("aws:SourceIp", "10.1.2.3"))).isTrue();
        }

        @Test
        void datesAndNumbers() {
            String before2027 = when("{\"DateLessThan\":{\"aws:CurrentTime\":\"2027-01-01T00:00:00Z\"}}");
            assertThat(allows(before2027, withKey("aws:CurrentTime", "2026-12-02T05:00:00Z"))).isTrue();
            assertThat(allows(before2027, withKey("aws:CurrentTime", "2027-01-01T00:00:00Z"))).isFalse();
            assertThat(allows(when("{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2026-12-01\"}}"),
                    withKey("aws:CurrentTime", "2026-12-02T00:00:00Z"))).isTrue();
            assertThat(allows(when("{\"DateLessThan\":{\"aws:EpochTime\":1798761600}}"),
                    withKey("aws:EpochTime", "1798761599"))).isTrue();
            assertThat(allows(when("{\"NumericLessThan\":{\"aws:EpochTime\":\"100\"}}"),
                    withKey("aws:EpochTime", "99.5"))).isTrue();
            assertThat(allows(when("{\"NumericGreaterThanEquals\":{\"aws:EpochTime\":100}}"),
                    withKey("aws:EpochTime", "99"))).isFalse();
        }

        @Test
        void arnPatterns_keepEscapedAndSubstitutedCharactersLiteral() {
            String literalStar = when("{\"ArnEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::1:user/${*}\"}}");
            assertThat(allows(literalStar, withKey("aws:PrincipalArn", "arn:aws:iam::1:user/bob"))).isFalse();
            assertThat(allows(literalStar, withKey("aws:PrincipalArn", "arn:aws:iam::1:user/*"))).isTrue();
            String own = when("{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::1:user/${aws:username}\"}}");
            RequestContext star = RequestContext.builder("iot:DescribeThing", THING + "t")
                    .with("aws:username", "b*").with("aws:PrincipalArn", "arn:aws:iam::1:user/bob").build();
            assertThat(allows(own, star)).as("a substituted * is no wildcard").isFalse();
            String region = when("{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iot:${aws:username}:1:thing/x\"}}");
            RequestContext colon = RequestContext.builder("iot:DescribeThing", THING + "t")
                    .with("aws:username", "eu-west-1:1").with("aws:PrincipalArn", "arn:aws:iot:eu-west-1:1:1:thing/x")
                    .build();
            assertThat(allows(region, colon)).as("a substituted : moves no part").isFalse();
        }

        @Test
        void arns_compareByParts() {
            String users = when("{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:user/ops/*\"}}");
            assertThat(allows(users, withKey("aws:PrincipalArn", "arn:aws:iam::123456789012:user/ops/alice")))
                    .isTrue();
            assertThat(allows(users, withKey("aws:PrincipalArn", "arn:aws:iam::123456789012:user/dev/bob")))
                    .isFalse();
            assertThat(allows(users, withKey("aws:PrincipalArn", "not-an-arn"))).isFalse();
            assertThat(allows(when("{\"ArnNotEquals\":{\"iot:thingArn\":\"" + THING + "core\"}}"),
                    withKey("iot:thingArn", THING + "other"))).isTrue();
        }
    }

    @Nested
    class Variables {
        private RequestContext user(String name) {
            return RequestContext.builder("iam:GetUser", "arn:aws:iam::123456789012:user/" + name)
                    .with("aws:username", name).build();
        }

        @Test
        void areSubstitutedInResources() {
            String own = allow("iam:GetUser", "arn:aws:iam::123456789012:user/${aws:username}");
            assertThat(allows(own, user("alice"))).isTrue();
            RequestContext other = RequestContext.builder("iam:GetUser", "arn:aws:iam::123456789012:user/bob")
                    .with("aws:username", "alice").build();
            assertThat(allows(own, other)).isFalse();
        }

        @Test
        void aVariableWithoutAValue_makesItsStatementMatchNothing_unlessItHasADefault() {
            RequestContext root = RequestContext.builder("iam:GetUser", "arn:aws:iam::123456789012:user/").build();
            assertThat(allows(allow("iam:GetUser", "arn:aws:iam::123456789012:user/${aws:username}"), root))
                    .isFalse();
            assertThat(allows("{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\",\"NotResource\":"
                    + "\"arn:aws:iam::123456789012:user/${aws:username}\"}", root)).as("not widened under NotResource")
                    .isFalse();
            assertThat(allows(allow("iam:GetUser", "arn:aws:iam::123456789012:user/${aws:username, 'nobody'}"),
                    RequestContext.builder("iam:GetUser", "arn:aws:iam::123456789012:user/nobody").build())).isTrue();
            assertThat(allows("{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\",\"Resource\":\"*\",\"Condition\":"
                    + "{\"StringEquals\":{\"aws:PrincipalArn\":\"${aws:username}\"}}}", root)).isFalse();
        }

        @Test
        void aSubstitutedValueIsLiteral_andEscapesGiveLiteralWildcards() {
            String own = allow("iam:GetUser", "arn:aws:iam::123456789012:user/${aws:username}");
            RequestContext star = RequestContext.builder("iam:GetUser", "arn:aws:iam::123456789012:user/bob")
                    .with("aws:username", "*").build();
            assertThat(allows(own, star)).as("a value's * is no wildcard").isFalse();
            String literalStar = allow("iam:GetUser", "arn:aws:iam::123456789012:user/a${*}b");
            assertThat(allows(literalStar, RequestContext.builder("iam:GetUser", "arn:aws:iam::123456789012:user/a*b")
                    .build())).isTrue();
            assertThat(allows(literalStar, RequestContext.builder("iam:GetUser", "arn:aws:iam::123456789012:user/axb")
                    .build())).isFalse();
        }

        @Test
        void inA2008Document_areText() {
            PolicyDocument old = PolicyDocument.parse("{\"Version\":\"2008-10-17\",\"Statement\":[" + allow(
                    "iam:GetUser", "arn:aws:iam::123456789012:user/${aws:username}") + "]}", 2048);
            assertThat(PolicyEvaluator.evaluate(List.of(new NamedPolicy("old", old)), user("alice")).allowed())
                    .isFalse();
            assertThat(PolicyEvaluator.evaluate(List.of(new NamedPolicy("old", old)), RequestContext.builder(
                    "iam:GetUser", "arn:aws:iam::123456789012:user/${aws:username}").build()).allowed()).isTrue();
        }

        @Test
        void aConditionVariableWithoutAValue_failsItsCondition_evenUnderANegatedOperator() {
            String notMine = "{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\",\"Condition\":"
                    + "{\"ArnNotLike\":{\"iot:thingArn\":\"" + THING + "${aws:username}\"}}}";
            RequestContext anonymous = RequestContext.builder("iot:AttachThingPrincipal", "*")
                    .with("iot:thingArn", THING + "victim").build();
            assertThat(allows(notMine, anonymous)).isFalse();
            RequestContext alice = RequestContext.builder("iot:AttachThingPrincipal", "*")
                    .with("iot:thingArn", THING + "victim").with("aws:username", "alice").build();
            assertThat(allows(notMine, alice)).as("resolved, and not alice's thing").isTrue();
        }

        @Test
        void aKeyThatCannotApply_makesItsStatementMatchNothing_whateverTheOperator() {
            RequestContext dataPlane = RequestContext.builder("greengrass:Discover", THING + "victim")
                    .inapplicable("iot:Connection.Thing.").build();
            for (String condition : List.of(
                    "{\"StringEqualsIfExists\":{\"iot:Connection.Thing.ThingName\":\"dev1\"}}",
                    "{\"StringNotEquals\":{\"iot:Connection.Thing.ThingName\":\"blocked\"}}",
                    "{\"ForAllValues:StringEquals\":{\"iot:Connection.Thing.ThingName\":\"x\"}}",
                    "{\"Null\":{\"iot:Connection.Thing.ThingName\":\"true\"}}",
                    "{\"ArnNotLike\":{\"aws:PrincipalArn\":\"" + THING + "${iot:Connection.Thing.ThingName}\"}}")) {
                assertThat(allows("{\"Effect\":\"Allow\",\"Action\":\"greengrass:Discover\",\"Resource\":\""
                        + THING + "*\",\"Condition\":" + condition + "}", dataPlane)).as(condition).isFalse();
            }
            assertThat(allows(allow("greengrass:Discover", THING + "${iot:Connection.Thing.ThingName, 'victim'}"),
                    dataPlane)).as("not even through a default").isFalse();
        }

        @Test
        void iotThingVariables_haveNoValueOnGreengrassCalls() {
            String byThing = allow("greengrass:Discover", THING + "${iot:Connection.Thing.ThingName}");
            assertThat(allows(byThing, discover("sensor"))).isFalse();
        }
    }
}
