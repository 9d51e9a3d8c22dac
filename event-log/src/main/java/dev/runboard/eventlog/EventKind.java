package dev.runboard.eventlog;

/**
 * The kinds of event a Runboard log holds. Each kind has its own Arrow schema and its own segment
 * files; the name appears in the file name and in the schema metadata.
 */
public enum EventKind {
  SCALAR("scalar"),
  HISTOGRAM("histogram"),
  IMAGE("image"),
  TEXT("text"),
  GRAPH("graph"),
  RUN_METADATA("run_metadata"),
  SESSION("session"),
  /** Since format version 2. */
  TENSOR("tensor"),
  /** Since format version 2. */
  BLOB("blob");

  private final String fileName;

  EventKind(String fileName) {
    this.fileName = fileName;
  }

  /** The kind's name in file names and in the {@code runboard.kind} schema metadata. */
  public String fileName() {
    return fileName;
  }

  public static EventKind ofFileName(String name) {
    for (EventKind kind : values()) {
      if (kind.fileName.equals(name)) {
        return kind;
      }
    }
    return null;
  }

  public static EventKind of(LogEvent event) {
    if (event instanceof ScalarEvent) {
      return SCALAR;
    } else if (event instanceof HistogramEvent) {
      return HISTOGRAM;
    } else if (event instanceof ImageEvent) {
      return IMAGE;
    } else if (event instanceof TextEvent) {
      return TEXT;
    } else if (event instanceof GraphEvent) {
      return GRAPH;
    } else if (event instanceof RunMetadataEvent) {
      return RUN_METADATA;
    } else if (event instanceof SessionEvent) {
      return SESSION;
    } else if (event instanceof TensorEvent) {
      return TENSOR;
    } else if (event instanceof BlobEvent) {
      return BLOB;
    }
    throw new IllegalArgumentException("unknown event kind " + event.getClass());
  }
}
