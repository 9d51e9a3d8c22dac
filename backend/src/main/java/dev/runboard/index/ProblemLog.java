package dev.runboard.index;

import dev.runboard.data.Problem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The most recent problems (bounded: a logdir full of damaged files must not fill the heap), and
 * how many there were in all. Each is also logged once.
 */
final class ProblemLog {
  private static final Logger log = LoggerFactory.getLogger(ProblemLog.class);

  private final int capacity;
  private final ArrayDeque<Problem> recent = new ArrayDeque<>();
  private long total;

  ProblemLog(int capacity) {
    this.capacity = capacity;
  }

  synchronized void add(Problem problem) {
    total++;
    if (recent.size() == capacity) {
      recent.removeFirst();
    }
    recent.addLast(problem);
    log.warn("Run '{}': {} at byte {}: {}", problem.run(), problem.file(), problem.offset(), problem.message());
  }

  synchronized List<Problem> recent() {
    return new ArrayList<>(recent);
  }

  synchronized long total() {
    return total;
  }

  /** Forgets the problems of a run that was removed. */
  synchronized void removeRun(String run) {
    recent.removeIf(p -> p.run().equals(run));
  }
}
