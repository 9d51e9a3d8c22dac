package dev.runboard.eventlog;

import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** The Arrow schema of a scalar log file: one row per {@link ScalarEvent}. */
public final class ScalarSchema {
  public static final String TAG = "tag";
  public static final String STEP = "step";
  public static final String WALL_TIME = "wall_time";
  public static final String VALUE = "value";

  /** Schema metadata key naming the event kind stored in the file. */
  public static final String KIND_KEY = "runboard.kind";
  /** Schema metadata key holding the format version; readers refuse versions they do not know. */
  public static final String VERSION_KEY = "runboard.format_version";
  public static final String KIND = "scalar";
  public static final String VERSION = "0";

  public static final Schema SCHEMA =
      new Schema(
          List.of(
              Field.notNullable(TAG, ArrowType.Utf8.INSTANCE),
              Field.notNullable(STEP, new ArrowType.Int(64, true)),
              Field.notNullable(WALL_TIME, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
              new Field(
                  VALUE,
                  FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                  null)),
          Map.of(KIND_KEY, KIND, VERSION_KEY, VERSION));

  private ScalarSchema() {}

  /** Throws a clear error when a file's schema is not a scalar log this reader understands. */
  static void check(Schema schema, Object source) throws EventLogFormatException {
    Map<String, String> meta = schema.getCustomMetadata();
    String kind = meta == null ? null : meta.get(KIND_KEY);
    String version = meta == null ? null : meta.get(VERSION_KEY);
    if (!KIND.equals(kind)) {
      throw new EventLogFormatException(source + ": not a Runboard scalar log (kind=" + kind + ")");
    }
    if (!VERSION.equals(version)) {
      throw new EventLogFormatException(
          source + ": unsupported format version " + version + " (this reader knows " + VERSION + ")");
    }
    if (!SCHEMA.getFields().equals(schema.getFields())) {
      throw new EventLogFormatException(source + ": unexpected columns " + schema.getFields());
    }
  }
}
