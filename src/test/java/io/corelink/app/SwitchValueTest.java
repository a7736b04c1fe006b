package io.corelink.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SwitchValueTest {

    @Test
    void readsWhatDeploymentToolsWrite() {
        SwitchValue value = new SwitchValue();
        for (String on : new String[] {"true", "TRUE", "1", "yes", "On", " on "}) {
            assertThat(value.convert(on)).as(on).isTrue();
        }
        for (String off : new String[] {"false", "0", "no", "OFF", ""}) {
            assertThat(value.convert(off)).as(off).isFalse();
        }
        assertThatThrownBy(() -> value.convert("maybe")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("'maybe' is not on or off: use true, false, 1, 0, yes, no, on or off");
    }

    @Test
    void theFlagsStillTakeNoValue() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--fault-injection", "--control-plane-tls");
        assertThat(serve.faultInjection).isTrue();
        assertThat(serve.controlPlaneTls).isTrue();
        ServeCommand plain = new ServeCommand();
        new CommandLine(plain).parseArgs();
        assertThat(plain.faultInjection).isFalse();
        assertThat(plain.controlPlaneTls).isFalse();
    }
}
