package dev.runboard.eventlog;

import java.util.ArrayList;
import java.util.List;

/** An {@link EventSink} that keeps everything it is given, scalars expanded to events. */
public final class CollectingSink implements EventSink {
  public final List<ScalarBatch> batches = new ArrayList<>();
  public final List<ScalarEvent> scalars = new ArrayList<>();
  public final List<LogEvent> events = new ArrayList<>();
  public final List<EventSource> sources = new ArrayList<>();

  @Override
  public void scalars(ScalarBatch batch) {
    // Lent for the call only (EventSink#scalars): a copy is kept.
    batches.add(new ScalarBatch(
        batch.tags(), batch.tagIndices().clone(), batch.steps().clone(), batch.wallTimes().clone(),
        batch.values().clone()));
    for (int i = 0; i < batch.size(); i++) {
      scalars.add(batch.event(i));
    }
  }

  @Override
  public void event(LogEvent event, EventSource source) {
    events.add(event);
    sources.add(source);
  }

  /** Everything received, scalars first. */
  public List<LogEvent> all() {
    List<LogEvent> all = new ArrayList<>(scalars);
    all.addAll(events);
    return all;
  }
}
