package io.corelink.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.domain.error.MalformedPolicyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What AWS refuses is refused, with a message naming the problem; nothing is silently ignored. */
class PolicyDocumentTest {
    private static final String OK_STATEMENT = "{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"}";

    private static PolicyDocument parse(String text) {
        return PolicyDocument.parse(text, PolicyDocument.MAX_CHARACTERS);
    }

    private static String with(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                | {"Version":"2012-10-17","Statement":[                                  | not valid JSON
            not an object           | ["Statement"]                                                          | must be a JSON object
            unknown top element     | {"Version":"2012-10-17","Statment":[]}                                 | Unknown element Statment
            duplicate element       | {"Version":"2012-10-17","Version":"2012-10-17","Statement":[]}         | not valid JSON
            bad version             | {"Version":"2012-10-18","Statement":[]}                                | Version must be
            no statement            | {"Version":"2012-10-17"}                                               | no Statement
            empty statement list    | {"Version":"2012-10-17","Statement":[]}                                | Statement list is empty
            """)
    void documentsAwsRefuses(String name, String text, String message) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(MalformedPolicyException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown element         | {"Effect":"Allow","Action":"iot:*","Resource":"*","Resources":"*"}                    | Unknown element Resources
            a principal             | {"Effect":"Allow","Principal":"*","Action":"iot:*","Resource":"*"}                    | should not specify a principal
            no effect               | {"Action":"iot:*","Resource":"*"}                                                     | Effect of statement 1
            lower-case effect       | {"Effect":"allow","Action":"iot:*","Resource":"*"}                                    | must be "Allow" or "Deny"
            action and notaction    | {"Effect":"Allow","Action":"iot:*","NotAction":"iot:x","Resource":"*"}                | exactly one of Action and NotAction
            no resource             | {"Effect":"Allow","Action":"iot:*"}                                                   | exactly one of Resource and NotResource
            action without vendor   | {"Effect":"Allow","Action":"Discover","Resource":"*"}                                 | prefaced by a vendor
            empty action list       | {"Effect":"Allow","Action":[],"Resource":"*"}                                         | non-empty list
            non-string action       | {"Effect":"Allow","Action":[1],"Resource":"*"}                                        | strings only
            resource not an ARN     | {"Effect":"Allow","Action":"iot:*","Resource":"thing/x"}                              | must be in ARN format
            unknown operator        | {"Effect":"Allow","Action":"iot:*","Resource":"*","Condition":{"StringEqual":{"aws:username":"a"}}} | Invalid Condition type : StringEqual
            NullIfExists            | {"Effect":"Allow","Action":"iot:*","Resource":"*","Condition":{"NullIfExists":{"aws:username":"true"}}} | Invalid Condition type
            unknown key             | {"Effect":"Allow","Action":"iot:*","Resource":"*","Condition":{"StringEquals":{"aws:usrname":"a"}}} | aws:usrname
            object as a value       | {"Effect":"Allow","Action":"iot:*","Resource":"*","Condition":{"StringEquals":{"aws:username":{"a":1}}}} | not a string, number or boolean
            no values               | {"Effect":"Allow","Action":"iot:*","Resource":"*","Condition":{"StringEquals":{"aws:username":[]}}} | no value
            bad address             | {"Effect":"Allow","Action":"iot:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"example.com"}}} | IP address or CIDR
            bad prefix              | {"Effect":"Allow","Action":"iot:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/33"}}} | IP address or CIDR
            bad date                | {"Effect":"Allow","Action":"iot:*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"tomorrow"}}} | ISO 8601
            bad number              | {"Effect":"Allow","Action":"iot:*","Resource":"*","Condition":{"NumericLessThan":{"aws:EpochTime":"ten"}}} | needs a number
            bad bool                | {"Effect":"Allow","Action":"iot:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"yes"}}} | true or false
            unclosed variable       | {"Effect":"Allow","Action":"iot:*","Resource":"arn:aws:iot:r:a:thing/${aws:username"}  | not closed
            unknown variable        | {"Effect":"Allow","Action":"iot:*","Resource":"arn:aws:iot:r:a:thing/${aws:nobody}"}   | unknown key
            """)
    void statementsAwsRefuses(String name, String statement, String message) {
        assertThatThrownBy(() -> parse(with(statement))).isInstanceOf(MalformedPolicyException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aDocumentBeyondTheParsersConstraints_isMalformed_notAFault() {
        assertThatThrownBy(() -> parse("[".repeat(600) + "]".repeat(600))).isInstanceOf(MalformedPolicyException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse(with("{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"NumericLessThan\":{\"aws:EpochTime\":" + "9".repeat(1100) + "}}}")))
                .isInstanceOf(MalformedPolicyException.class);
    }

    @Test
    void theSizeLimit_doesNotCountWhiteSpace() {
        String padding = " ".repeat(5_000);
        String sid = "S".repeat(PolicyDocument.MAX_CHARACTERS - with("{\"Sid\":\"\"," + OK_STATEMENT.substring(1))
                .length());
        String atLimit = with("{\"Sid\":\"" + sid + "\"," + padding + OK_STATEMENT.substring(1));
        assertThat(parse(atLimit).statements()).hasSize(1);
        String overLimit = with("{\"Sid\":\"" + sid + "X\"," + OK_STATEMENT.substring(1));
        assertThatThrownBy(() -> parse(overLimit)).isInstanceOf(MalformedPolicyException.class)
                .hasMessage("The policy document is 2049 characters long without white space; the limit is 2048.");
    }

    @Test
    void aSingleStatementObject_andTheOptionalElements_areAccepted() {
        PolicyDocument document = parse("{\"Id\":\"x\",\"Statement\":{\"Sid\":\"One\",\"Effect\":\"Deny\","
                + "\"NotAction\":[\"iot:Connect\"],\"NotResource\":\"arn:aws:iot:*\",\"Condition\":{}}}");
        assertThat(document.version()).as("IAM's default").isEqualTo("2008-10-17");
        assertThat(document.statements()).singleElement().satisfies(s -> {
            assertThat(s.sid()).isEqualTo("One");
            assertThat(s.effect()).isEqualTo(Statement.Effect.DENY);
        });
        assertThat(document.text()).startsWith("{\"Id\"");
    }
}
