package dev.runboard.eventlog;

/**
 * One event of a run's log, whatever file format it came from: Runboard's Arrow logs and
 * TensorBoard's tfevents files both decode into these, so everything downstream (index, API,
 * dashboards, export) is format-agnostic.
 */
public sealed interface LogEvent
    permits ScalarEvent,
        HistogramEvent,
        ImageEvent,
        TextEvent,
        GraphEvent,
        RunMetadataEvent,
        SessionEvent,
        TensorEvent,
        BlobEvent {

  /** Seconds since the Unix epoch when the event was logged. */
  double wallTime();
}
