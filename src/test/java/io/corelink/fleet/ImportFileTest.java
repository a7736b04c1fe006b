package io.corelink.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an import file's rows are read: their lines (for the summary), cells, and the rows wrong on their own. */
class ImportFileTest {
    @TempDir
    Path tmp;

    @Test
    void csv_rowsKnowTheLineTheyStartOn_evenAfterAQuotedCellOfTwoLines() throws Exception {
        Path file = tmp.resolve("f.csv");
        Files.writeString(file, "thingName,attributes,certificate\n"
                + "a,\"note=two\nlines;site=7\",generate\n"
                + "b,,certs/b.pem\n"
                + ",,generate\n");
        var rows = ImportFile.read(file);
        assertThat(rows).extracting(ImportRow::line).containsExactly(2, 4, 5);
        assertThat(rows.get(0).attributes()).isEqualTo(Map.of("note", "two\nlines", "site", "7"));
        assertThat(rows.get(1).certificate()).isEqualTo(tmp.resolve("certs/b.pem").toString());
        assertThat(rows.get(1).policy()).isNull();
        assertThat(rows.get(2).problem()).isEqualTo("thingName is required");
    }

    @Test
    void jsonLines_takeAttributesAsAnObjectOrPairs_andAMalformedLineFailsAlone() throws Exception {
        Path file = tmp.resolve("f.jsonl");
        Files.writeString(file, "{\"thingName\":\"a\",\"attributes\":{\"n\":1},\"certificate\":\"generate\"}\n"
                + "{\"thingName\":\"b\",\"attributes\":\"x=1;y\",\"certificate\":\"generate\"}\n"
                + "{not json\n"
                + "{\"thingName\":\"a\",\"certificate\":\"generate\"}\n");
        var rows = ImportFile.read(file);
        assertThat(rows.get(0).attributes()).isEqualTo(Map.of("n", "1"));
        assertThat(rows.get(1).problem()).isEqualTo("attributes must be k=v pairs separated by ';', not 'x=1;y'");
        assertThat(rows.get(2).problem()).isEqualTo("not a JSON object");
        assertThat(rows.get(3).problem()).isEqualTo("thing a is already on line 1");
    }

    @Test
    void anUnknownColumn_isRefusedBeforeAnyRow() throws Exception {
        Path file = tmp.resolve("f.jsonl");
        Files.writeString(file, "{\"thingName\":\"a\",\"certificat\":\"generate\"}\n");
        assertThatThrownBy(() -> ImportFile.read(file)).isInstanceOf(FleetException.class)
                .hasMessage("unknown JSON member 'certificat'; the columns are thingName, attributes, certificate, "
                        + "policy, coreDeviceThingName");
    }
}
