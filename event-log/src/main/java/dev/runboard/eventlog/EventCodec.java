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

  /**
   * The event row {@code row} of {@code root} holds; for graphs, whose rows are nodes, the graph
   * whose rows include it.
   *
   * @throws RuntimeException when the row's values are invalid (a corrupt file)
   */
  LogEvent decode(VectorSchemaRoot root, List<String> dictionary, int row);

  /** Every event of the batch in row order, each with the row it starts at. */
  default void decodeAll(VectorSchemaRoot root, List<String> dictionary, RowSink out) {
    for (int row = 0; row < root.getRowCount(); row++) {
      out.accept(decode(root, dictionary, row), row);
    }
  }

  /** Receives decoded events and their first row. */
  interface RowSink {
    void accept(LogEvent event, int row);
  }

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
      case TENSOR:
        return new TensorCodec();
      case BLOB:
        return new BlobCodec();
      default:
        throw new IllegalArgumentException(kind.toString());
    }
  }
}
