package io.corelink.domain.thing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.domain.error.InvalidValueException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written character check must agree with the AWS pattern it replaces, for every character. */
class ThingNameTest {
    private static final Pattern AWS = Pattern.compile("[a-zA-Z0-9:_-]+");

    @Test
    void agreesWithTheAwsPatternOnEveryCharacterOfTheBasicPlane() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String name = "a" + c + "b";
            assertThat(ThingName.isValid(name)).as("U+%04X", (int) c).isEqualTo(AWS.matcher(name).matches());
        }
        assertThat(ThingName.isValid("sensor-\uD83D\uDE00")).isFalse();
    }

    @Test
    void statesTheAwsRuleWhenACharacterIsNotAllowed() {
        assertThatThrownBy(() -> ThingName.of("bad name"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("Member must satisfy regular expression pattern: [a-zA-Z0-9:_-]+");
        assertThatThrownBy(() -> ThingName.of(""))
                .hasMessage("Member must have length greater than or equal to 1");
        assertThatThrownBy(() -> ThingName.of("x".repeat(129)))
                .hasMessage("Member must have length less than or equal to 128");
        assertThat(ThingName.of("Core_1:a-b").value()).isEqualTo("Core_1:a-b");
        assertThat(ThingName.isValid(null)).isFalse();
        assertThat(ThingName.isValid("x".repeat(128))).isTrue();
    }
}
