package dev.runboard.eventlog;

import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Converts one kind's events to and from the columns of its schema ({@link EventSchemas}), in
 * memory form: a dictionary-encoded tag column holds int32 indices into the segment's dictionary.
 */
interface EventCodec {
  /** Fills {@code root} (freshly allocated) with one row per event and sets its row count. */
  void encode(List<LogEvent> events, VectorSchemaRoot root, TagTable tags);

  /** Appends one event per row of {@code root}. */
  void decode(VectorSchemaRoot root, List<String> dictionary, List<LogEvent> out);

  static EventCodec of(EventKind kind) {
    switch (kind) {
      case SCALAR:
        return new ScalarCodec();
      case HISTOGRAM:
        return new HistogramCodec();
      case IMAGE:
        return new ImageCodec();
      case TEXT:
        return new TextCodec();
      case GRAPH:
        return new GraphCodec();
      case RUN_METADATA:
        return new RunMetadataCodec();
      case SESSION:
        return new SessionCodec();
      default:
        throw new IllegalArgumentException(kind.toString());
    }
  }
}
