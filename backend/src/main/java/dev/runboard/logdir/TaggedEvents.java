package dev.runboard.logdir;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * Events of one kind (histograms, images, texts) of one run, by tag, in arrival order. Appended by
 * the indexing thread, read from any thread.
 */
final class TaggedEvents<E> {
  private final ConcurrentSkipListMap<String, List<E>> byTag = new ConcurrentSkipListMap<>();
  private final Function<E, String> tagOf;

  TaggedEvents(Function<E, String> tagOf) {
    this.tagOf = tagOf;
  }

  void append(E event) {
    List<E> events = byTag.computeIfAbsent(tagOf.apply(event), tag -> new ArrayList<>());
    synchronized (events) {
      events.add(event);
    }
  }

  List<String> tags() {
    return List.copyOf(byTag.keySet());
  }

  List<E> events(String tag) {
    List<E> events = byTag.get(tag);
    if (events == null) {
      return List.of();
    }
    synchronized (events) {
      return List.copyOf(events);
    }
  }
}
