package io.corelink.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corelink.domain.error.InvalidValueException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LookupTimeTest {
    private static final Instant TEN = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void readsTheFormsTheAwsToolsAndPeopleWrite() {
        assertThat(LookupTime.parse("2026-12-02T10:00:00Z")).isEqualTo(TEN);
        assertThat(LookupTime.parse("2026-12-02T11:00:00+01:00")).isEqualTo(TEN);
        assertThat(LookupTime.parse("2026-12-02T11:00:00 01:00")).as("a '+' sent unencoded").isEqualTo(TEN);
        assertThat(LookupTime.parse("2026-12-02t11:00 0100")).isEqualTo(TEN);
        assertThat(LookupTime.parse("2026-12-02T11:00:00+0100")).isEqualTo(TEN);
        assertThat(LookupTime.parse("2026-12-02T11:00:00+01")).isEqualTo(TEN);
        assertThat(LookupTime.parse("2026-12-02 11:00:00 01:00")).isEqualTo(TEN);
        assertThat(LookupTime.parse("2026-12-02t10:00:00.000z")).isEqualTo(TEN);
        assertThat(LookupTime.parse("2026-12-02T10:00:00")).as("no zone: UTC").isEqualTo(TEN);
        assertThat(LookupTime.parse("2026-12-02 10:00")).isEqualTo(TEN);
        assertThat(LookupTime.parse("2026-12-02")).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(LookupTime.parse(" 1796205600 ")).isEqualTo(TEN);
        assertThat(LookupTime.parse("1796205600.25")).isEqualTo(TEN.plusMillis(250));
        assertThat(LookupTime.parse("1796205600250")).as("Date.now()'s milliseconds").isEqualTo(TEN.plusMillis(250));
        assertThat(LookupTime.parse("0")).isEqualTo(Instant.EPOCH);
    }

    @Test
    void refusesAnythingElse_namingTheFormsItTakes() {
        for (String bad : new String[] {"yesterday", "", "-5", "2026-13-01", "2026-12-02T25:00:00Z", "1e9",
                "99999999999999999999999999", "2026-02-31", "2026-12-02T24:00", "9223372036854775807",
                "+999999999-01-01T00:00:00Z", "2026-12-02T10:00:00Z" + " ".repeat(60) + "x",
                "T00:00".repeat(1_000)}) {
            assertThatThrownBy(() -> LookupTime.parse(bad)).as(bad).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("ISO-8601").hasMessageContaining("seconds since the epoch");
        }
    }

    @Test
    void boundsCompareInTheWholeSecondsRecordsShow() {
        assertThat(LookupTime.startBound(TEN)).isEqualTo(TEN);
        assertThat(LookupTime.startBound(TEN.plusMillis(1))).isEqualTo(TEN.plusSeconds(1));
        assertThat(LookupTime.endBound(TEN)).isEqualTo(TEN.plusMillis(999));
        assertThat(LookupTime.endBound(TEN.plusMillis(500))).isEqualTo(TEN.plusMillis(999));
    }
}
