package dev.runboard.eventlog;

/**
 * Receives what one {@link EventFileTail#poll(EventSink)} read, in file order per kind: scalars
 * as columns, every other event one by one with the place it was read from.
 */
public interface EventSink {
  /**
   * Scalar rows, as columns (no object per row). Arrow logs give one batch per record batch;
   * tfevents files one per poll (split every 65 536 rows). The batch is lent for the call only:
   * its arrays may hold the next batch's rows afterwards, so a sink copies what it keeps.
   */
  void scalars(ScalarBatch batch);

  /** A non-scalar event, and where to read it again ({@link EventFiles#readEvent}). */
  void event(LogEvent event, EventSource source);
}
