package dev.runboard.export;

import dev.runboard.data.DataClass;
import dev.runboard.data.PluginNames;
import dev.runboard.index.IndexOptions;
import dev.runboard.logdir.LogdirBatch;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Every scalar point of a logdir as one Arrow IPC stream ({@code run, tag, step, wall_time,
 * value}), for notebooks: {@code pyarrow.ipc.open_stream(...).read_all()} or Arrow JS's {@code
 * tableFromIPC}. Written in record batches as the runs are read, in constant memory.
 */
public final class ArrowExport {
  static final int BATCH_ROWS = 65_536;
  static final Schema SCHEMA = new Schema(
      List.of(
          Field.notNullable("run", ArrowType.Utf8.INSTANCE),
          Field.notNullable("tag", ArrowType.Utf8.INSTANCE),
          Field.notNullable("step", new ArrowType.Int(64, true)),
          Field.notNullable("wall_time", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
          Field.notNullable("value", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))),
      Map.of("runboard.export", "scalars"));

  private ArrowExport() {}

  /** Writes the stream of the options' local logdir; returns the number of rows. */
  public static long write(IndexOptions options, OutputStream out) throws IOException {
    return write(LogdirBatch.listLocal(options.root()), options, out);
  }

  /** Writes the stream of the listed runs (of any logdir); returns the number of rows. */
  public static long write(LogdirBatch.Runs runs, IndexOptions options, OutputStream out) throws IOException {
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
      Batch batch = new Batch(root, writer);
      writer.start();
      LogdirBatch.forEachRun(runs, options, (run, index) -> {
        byte[] runBytes = run.name().getBytes(StandardCharsets.UTF_8);
        for (String tag : run.tags(DataClass.SCALARS, PluginNames.SCALARS)) {
          byte[] tagBytes = tag.getBytes(StandardCharsets.UTF_8);
          try {
            index.scanScalars(run.name(), tag, (steps, walls, values, n, first) -> {
              for (int i = 0; i < n; i++) {
                batch.add(runBytes, tagBytes, steps[i], walls[i], values[i]);
              }
            });
          } catch (UncheckedIOException e) {
            throw e.getCause();
          }
        }
      });
      batch.flush();
      writer.end();
      out.flush();
      return batch.rows;
    }
  }

  /** Fills record batches and writes each when full. */
  private static final class Batch {
    private final VectorSchemaRoot root;
    private final ArrowStreamWriter writer;
    private final VarCharVector run;
    private final VarCharVector tag;
    private final BigIntVector step;
    private final Float8Vector wall;
    private final Float8Vector value;
    private int size;
    long rows;

    Batch(VectorSchemaRoot root, ArrowStreamWriter writer) {
      this.root = root;
      this.writer = writer;
      run = (VarCharVector) root.getVector("run");
      tag = (VarCharVector) root.getVector("tag");
      step = (BigIntVector) root.getVector("step");
      wall = (Float8Vector) root.getVector("wall_time");
      value = (Float8Vector) root.getVector("value");
    }

    void add(byte[] runName, byte[] tagName, long s, double w, double v) {
      run.setSafe(size, runName);
      tag.setSafe(size, tagName);
      step.setSafe(size, s);
      wall.setSafe(size, w);
      value.setSafe(size, v);
      size++;
      rows++;
      if (size == BATCH_ROWS) {
        flush();
      }
    }

    void flush() {
      if (size == 0) {
        return;
      }
      root.setRowCount(size);
      try {
        writer.writeBatch();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      root.allocateNew(); // drops this batch's buffers: memory stays one batch
      size = 0;
    }
  }
}
