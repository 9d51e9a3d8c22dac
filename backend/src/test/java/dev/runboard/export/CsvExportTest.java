package dev.runboard.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.index.IndexOptions;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExportTest {
  @TempDir Path root;

  @Test
  void writesEveryPointOfEveryRunWithQuotingWhereNeeded() throws IOException {
    try (EventLogWriter a = EventLogWriter.open(root.resolve("b run"));
        EventLogWriter b = EventLogWriter.open(root.resolve("a,run"))) {
      a.scalar("loss", 0, 1764115627.125, 0.5);
      a.scalar("loss", 1, 1764115628.5, Double.NaN);
      a.scalar("say \"hi\"", -1, 1764115629.0, 1e-7);
      b.scalar("acc", 5, 1764115630.0, Double.NEGATIVE_INFINITY);
    }
    StringWriter out = new StringWriter();
    assertThat(CsvExport.write(IndexOptions.defaults(root), out)).isEqualTo(4);
    assertThat(out.toString())
        .isEqualTo(
            "run,tag,step,wall_time,value\n"
                + "\"a,run\",acc,5,1764115630,-inf\n"
                + "b run,loss,0,1764115627.125,0.5\n"
                + "b run,loss,1,1764115628.5,NaN\n"
                + "b run,\"say \"\"hi\"\"\",-1,1764115629,1.0E-7\n");
  }

  @Test
  void numbersKeepFullPrecision() {
    assertThat(CsvExport.number(0.1)).isEqualTo("0.1");
    assertThat(CsvExport.number(1764115627.123456)).isEqualTo("1764115627.123456");
    assertThat(Double.parseDouble(CsvExport.number(Math.PI))).isEqualTo(Math.PI);
    assertThat(CsvExport.number(Double.POSITIVE_INFINITY)).isEqualTo("inf");
  }
}
