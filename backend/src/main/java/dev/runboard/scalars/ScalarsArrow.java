package dev.runboard.scalars;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.springframework.stereotype.Component;

/**
 * Scalar responses as Arrow IPC streams ({@code application/vnd.apache.arrow.stream}), for
 * notebooks: the JSON response's columns as Arrow columns, and everything else the JSON says
 * (run, tag, version, total, downsampled, restarts) in the schema's metadata. A batch response
 * adds {@code run} and {@code tag} columns and writes one record batch per series; its metadata
 * key {@code runboard.series} lists each series' header in order (errors included).
 */
@Component
class ScalarsArrow {
  static final String MEDIA_TYPE = "application/vnd.apache.arrow.stream";
  private static final ArrowType INT64 = new ArrowType.Int(64, true);
  private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

  private final ObjectMapper json;

  ScalarsArrow(ObjectMapper json) {
    this.json = json;
  }

  /** Whether an {@code Accept} header asks for Arrow. */
  static boolean wanted(String accept) {
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(MEDIA_TYPE);
  }

  /** One series: columns step, wall_time, value (and smoothed), its header in the metadata. */
  byte[] single(ScalarsJson series) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("runboard.run", series.run());
    metadata.put("runboard.tag", series.tag());
    metadata.put("runboard.version", Long.toString(series.version()));
    metadata.put("runboard.total", Long.toString(series.total()));
    metadata.put("runboard.downsampled", Boolean.toString(series.downsampled()));
    metadata.put("runboard.restarts", write(series.restarts()));
    if (series.firstWallTime() != null) {
      metadata.put("runboard.first_wall_time", Double.toString(series.firstWallTime()));
    }
    return stream(false, series.smoothed() != null, metadata, List.of(series));
  }

  /** Many series (and errors, as headers without rows). */
  byte[] batch(List<Object> entries) {
    List<ScalarsJson> series = new ArrayList<>();
    List<Map<String, Object>> headers = new ArrayList<>();
    boolean smoothed = false;
    for (Object entry : entries) {
      if (entry instanceof ScalarsJson s) {
        series.add(s);
        smoothed |= s.smoothed() != null;
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("run", s.run());
        header.put("tag", s.tag());
        header.put("rows", s.size());
        header.put("version", s.version());
        header.put("total", s.total());
        header.put("downsampled", s.downsampled());
        header.put("restarts", s.restarts());
        header.put("first_wall_time", s.firstWallTime());
        headers.add(header);
      } else {
        headers.add(json.convertValue(entry, new TypeReference<Map<String, Object>>() {}));
      }
    }
    return stream(true, smoothed, Map.of("runboard.series", write(headers)), series);
  }

  private byte[] stream(boolean named, boolean smoothed, Map<String, String> metadata, List<ScalarsJson> series) {
    List<Field> fields = new ArrayList<>();
    if (named) {
      fields.add(Field.notNullable("run", ArrowType.Utf8.INSTANCE));
      fields.add(Field.notNullable("tag", ArrowType.Utf8.INSTANCE));
    }
    fields.add(Field.notNullable("step", INT64));
    fields.add(Field.notNullable("wall_time", FLOAT64));
    fields.add(Field.notNullable("value", FLOAT64));
    if (smoothed) {
      fields.add(Field.nullable("smoothed", FLOAT64));
    }
    Schema schema = new Schema(fields, new HashMap<>(metadata));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(bytes))) {
      writer.start();
      for (ScalarsJson s : series) {
        fill(root, named, smoothed, s);
        writer.writeBatch();
      }
      writer.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void fill(VectorSchemaRoot root, boolean named, boolean smoothed, ScalarsJson s) {
    int n = s.size();
    root.getFieldVectors().forEach(v -> v.setInitialCapacity(Math.max(1, n)));
    root.allocateNew();
    if (named) {
      VarCharVector run = (VarCharVector) root.getVector("run");
      VarCharVector tag = (VarCharVector) root.getVector("tag");
      byte[] runBytes = s.run().getBytes(StandardCharsets.UTF_8);
      byte[] tagBytes = s.tag().getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < n; i++) {
        run.setSafe(i, runBytes);
        tag.setSafe(i, tagBytes);
      }
    }
    BigIntVector step = (BigIntVector) root.getVector("step");
    Float8Vector wall = (Float8Vector) root.getVector("wall_time");
    Float8Vector value = (Float8Vector) root.getVector("value");
    Float8Vector smooth = smoothed ? (Float8Vector) root.getVector("smoothed") : null;
    for (int i = 0; i < n; i++) {
      step.setSafe(i, s.step()[i]);
      wall.setSafe(i, s.wallTime()[i]);
      value.setSafe(i, s.value()[i]);
      if (smooth != null) {
        if (s.smoothed() != null) {
          smooth.setSafe(i, s.smoothed()[i]);
        } else {
          smooth.setNull(i);
        }
      }
    }
    root.setRowCount(n);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
