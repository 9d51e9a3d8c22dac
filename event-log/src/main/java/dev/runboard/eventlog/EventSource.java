package dev.runboard.eventlog;

/**
 * Where an event came from, so that it can be read again later ({@link EventFiles#readEvent}).
 *
 * <ul>
 *   <li>Arrow logs: {@code offset} and {@code length} of the whole RecordBatch message (prefix,
 *       metadata and body), {@code index} the event's row in it (for a graph, its first row);
 *   <li>tfevents: {@code offset} and {@code length} of the whole framed TFRecord (header,
 *       payload, footer), {@code index} the event's position among the events the record decoded
 *       to.
 * </ul>
 */
public record EventSource(long offset, long length, int index) {
  public EventSource {
    if (offset < 0 || length < 1 || index < 0) {
      throw new IllegalArgumentException(
          "offset " + offset + ", length " + length + " and index " + index
              + " must be non-negative (length positive)");
    }
  }
}
