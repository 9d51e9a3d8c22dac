package dev.runboard.eventlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow schema of every event kind (docs/event-log-format.md describes each column). A schema
 * exists in two forms: as written in the file, where {@code tag} is a dictionary-encoded string,
 * and in memory, where the same column holds the int32 dictionary indices.
 */
final class EventSchemas {
  static final String KIND_KEY = "runboard.kind";
  static final String VERSION_KEY = "runboard.format_version";
  static final String SESSION_KEY = "runboard.session";
  static final String SEGMENT_KEY = "runboard.segment";
  /** The version this writer writes. */
  static final String VERSION = "2";
  /** The versions this reader reads: version 1 files simply never hold the kinds added in 2. */
  static final List<String> READABLE_VERSIONS = List.of("1", "2");

  static final String TAG = "tag";
  static final long TAG_DICTIONARY_ID = 0;
  static final ArrowType.Int TAG_INDEX = new ArrowType.Int(32, true);

  private static final ArrowType INT64 = new ArrowType.Int(64, true);
  private static final ArrowType INT32 = new ArrowType.Int(32, true);
  private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
  private static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
  private static final ArrowType BINARY = ArrowType.Binary.INSTANCE;

  private EventSchemas() {}

  /** The columns as written in the file. */
  static List<Field> fields(EventKind kind) {
    switch (kind) {
      case SCALAR:
        return List.of(tag(), f("step", INT64), f("wall_time", FLOAT64), f("value", FLOAT64));
      case HISTOGRAM:
        return List.of(
            tag(), f("step", INT64), f("wall_time", FLOAT64),
            f("min", FLOAT64), f("max", FLOAT64), f("count", FLOAT64),
            f("sum", FLOAT64), f("sum_squares", FLOAT64),
            list("bucket_limits", FLOAT64, false), list("bucket_counts", FLOAT64, false));
      case IMAGE:
        return List.of(
            tag(), f("step", INT64), f("wall_time", FLOAT64),
            f("media_type", UTF8), f("width", INT32), f("height", INT32), f("channels", INT32),
            f("encoded", BINARY));
      case TEXT:
        return List.of(tag(), f("step", INT64), f("wall_time", FLOAT64), f("markdown", UTF8));
      case GRAPH:
        return List.of(
            f("graph", INT64), f("wall_time", FLOAT64), f("name", UTF8), f("op", UTF8),
            list("inputs", UTF8, false), list("output_shape", INT64, false),
            f("parameter_count", INT64),
            list("attribute_keys", UTF8, false), list("attribute_values", UTF8, false));
      case RUN_METADATA:
        return List.of(
            f("wall_time", FLOAT64), f("start_time", FLOAT64), f("host", UTF8),
            f("command_line", UTF8), f("framework", UTF8), f("framework_version", UTF8),
            list("hparam_names", UTF8, false),
            list("hparam_strings", UTF8, true),
            list("hparam_numbers", FLOAT64, true),
            list("hparam_bools", ArrowType.Bool.INSTANCE, true),
            list("tag_keys", UTF8, false), list("tag_values", UTF8, false));
      case SESSION:
        return List.of(
            f("wall_time", FLOAT64), f("kind", UTF8), f("step", INT64), f("message", UTF8));
      case TENSOR:
        return List.of(
            tag(), f("step", INT64), f("wall_time", FLOAT64),
            f("plugin_name", UTF8), f("plugin_content", BINARY),
            f("dtype", UTF8), list("shape", INT64, false), f("data", BINARY));
      case BLOB:
        return List.of(
            tag(), f("step", INT64), f("wall_time", FLOAT64),
            f("plugin_name", UTF8), f("plugin_content", BINARY),
            f("index", INT32), f("media_type", UTF8), f("data", BINARY));
      default:
        throw new IllegalArgumentException(kind.toString());
    }
  }

  static boolean hasTagDictionary(EventKind kind) {
    return kind == EventKind.SCALAR
        || kind == EventKind.HISTOGRAM
        || kind == EventKind.IMAGE
        || kind == EventKind.TEXT
        || kind == EventKind.TENSOR
        || kind == EventKind.BLOB;
  }

  /** The format version that introduced a kind. */
  static String sinceVersion(EventKind kind) {
    return kind == EventKind.TENSOR || kind == EventKind.BLOB ? "2" : "1";
  }

  /** The schema written at the start of a segment file. */
  static Schema fileSchema(EventKind kind, String session, int segment) {
    return new Schema(
        fields(kind),
        Map.of(
            KIND_KEY, kind.fileName(),
            VERSION_KEY, VERSION,
            SESSION_KEY, session,
            SEGMENT_KEY, Integer.toString(segment)));
  }

  /** The columns in memory: the dictionary-encoded tag as its int32 indices. */
  static Schema memorySchema(EventKind kind) {
    List<Field> fields = new ArrayList<>();
    for (Field field : fields(kind)) {
      fields.add(field.getDictionary() == null ? field : Field.notNullable(field.getName(), TAG_INDEX));
    }
    return new Schema(fields);
  }

  private static Field tag() {
    return new Field(
        TAG,
        new FieldType(false, UTF8, new DictionaryEncoding(TAG_DICTIONARY_ID, false, TAG_INDEX)),
        null);
  }

  private static Field f(String name, ArrowType type) {
    return Field.notNullable(name, type);
  }

  private static Field list(String name, ArrowType item, boolean nullableItems) {
    Field child = new Field("item", new FieldType(nullableItems, item, null), null);
    return new Field(name, FieldType.notNullable(ArrowType.List.INSTANCE), List.of(child));
  }
}
