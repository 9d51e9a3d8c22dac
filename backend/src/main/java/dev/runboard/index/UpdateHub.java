package dev.runboard.index;

import dev.runboard.data.DataClass;
import dev.runboard.data.DataUpdate;
import dev.runboard.data.Subscription;
import dev.runboard.data.UpdateFilter;
import dev.runboard.data.UpdateListener;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fan-out of index updates to subscribers (the event stream, open dashboards), each with its
 * own filter, so a browser tab hears only about what it shows. Delivery is synchronous on the
 * loader thread that made the change: listeners only enqueue.
 */
final class UpdateHub {
  private static final Logger log = LoggerFactory.getLogger(UpdateHub.class);

  private record Registration(UpdateFilter filter, UpdateListener listener) {}

  private final CopyOnWriteArrayList<Registration> registrations = new CopyOnWriteArrayList<>();

  Subscription subscribe(UpdateFilter filter, UpdateListener listener) {
    Registration registration = new Registration(filter, listener);
    registrations.add(registration);
    return () -> registrations.remove(registration);
  }

  void publish(DataUpdate update) {
    for (Registration r : registrations) {
      if (!r.filter().matches(update)) {
        continue;
      }
      try {
        r.listener().onUpdate(update);
      } catch (RuntimeException e) {
        // One broken listener must not stop indexing or starve the others.
        log.warn("Update listener {} failed", r.listener(), e);
      }
    }
  }

  /** Whether any subscriber would receive updates of this series: worth preparing them. */
  boolean wants(String run, String tag, DataClass dataClass) {
    for (Registration r : registrations) {
      if (r.filter().dataClasses().contains(dataClass) && r.filter().series().matches(run, tag)) {
        return true;
      }
    }
    return false;
  }

  int subscribers() {
    return registrations.size();
  }
}
