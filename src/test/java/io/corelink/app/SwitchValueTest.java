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
        ServeCommand valued = new ServeCommand();
        new CommandLine(valued).parseArgs("--fault-injection=no", "--control-plane-tls=1");
        assertThat(valued.faultInjection).isFalse();
        assertThat(valued.controlPlaneTls).isTrue();
        // Without the variables set in this JVM's environment, off is the default.
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("CORELINK_FAULT_INJECTION") == null
                && System.getenv("CORELINK_CONTROL_PLANE_TLS") == null);
        ServeCommand plain = new ServeCommand();
        new CommandLine(plain).parseArgs();
        assertThat(plain.faultInjection).isFalse();
        assertThat(plain.controlPlaneTls).isFalse();
    }
}
