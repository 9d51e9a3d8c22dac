package dev.runboard.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.index.IndexOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --format arrow}: one Arrow IPC stream, read back with Arrow's own reader. */
class ArrowExportTest {
  @TempDir Path root;

  @Test
  void theStreamHoldsExactlyWhatTheCsvExportHolds() throws IOException {
    try (EventLogWriter a = EventLogWriter.open(root.resolve("a"));
        EventLogWriter b = EventLogWriter.open(root.resolve("b, quoted"))) {
      for (int i = 0; i < 100_000; i++) {
        a.scalar("loss", i, 1_700_000_000.0 + i, Math.exp(-i / 1e4));
      }
      a.scalar("nan", 1, 1_700_000_001.0, Double.NaN);
      b.scalar("acc", -3, 1_700_000_002.5, Double.NEGATIVE_INFINITY);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long rows = ArrowExport.write(IndexOptions.defaults(root), bytes);
    assertThat(rows).isEqualTo(100_002);

    List<String> fromArrow = new ArrayList<>();
    fromArrow.add(CsvExport.HEADER);
    int batches = 0;
    try (RootAllocator allocator = new RootAllocator();
        ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(bytes.toByteArray()), allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      while (reader.loadNextBatch()) {
        batches++;
        VarCharVector run = (VarCharVector) root.getVector("run");
        VarCharVector tag = (VarCharVector) root.getVector("tag");
        BigIntVector step = (BigIntVector) root.getVector("step");
        Float8Vector wall = (Float8Vector) root.getVector("wall_time");
        Float8Vector value = (Float8Vector) root.getVector("value");
        for (int i = 0; i < root.getRowCount(); i++) {
          fromArrow.add(CsvExport.field(run.getObject(i).toString()) + "," + CsvExport.field(tag.getObject(i).toString())
              + "," + step.get(i) + "," + CsvExport.number(wall.get(i)) + "," + CsvExport.number(value.get(i)));
        }
      }
    }
    assertThat(batches).as("written in batches, not as one").isGreaterThan(1);
    StringWriter csv = new StringWriter();
    CsvExport.write(IndexOptions.defaults(root), csv);
    assertThat(String.join("\n", fromArrow) + "\n").isEqualTo(csv.toString());
  }
}
