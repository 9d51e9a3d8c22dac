package dev.runboard.eventlog;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The problems a tail found and nobody drained yet: at most {@value #MAX_KEPT}, then one summary
 * of how many more were dropped, so a badly damaged file cannot fill the memory. Shared by the Arrow and tfevents tails; not meant for other callers.
 */
public final class ProblemLog {
  public static final int MAX_KEPT = 100;
  private static final System.Logger LOG = System.getLogger(ProblemLog.class.getName());

  private final Path file;
  private final Clock clock;
  private final List<FileProblem> kept = new ArrayList<>();
  private long suppressed;
  private long firstSuppressedOffset;

  public ProblemLog(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  public void report(long offset, String message) {
    if (kept.size() < MAX_KEPT) {
      FileProblem problem = new FileProblem(file, offset, message, clock.instant());
      kept.add(problem);
      // Debug only: whoever drains the problems reports them (the service logs and lists each once).
      LOG.log(Level.DEBUG, "Skipping damaged data in {0}", problem);
    } else {
      if (suppressed == 0) {
        firstSuppressedOffset = offset;
      }
      suppressed++;
    }
  }

  /** The problems since the last call, in the order found, and forgets them. */
  public List<FileProblem> drain() {
    List<FileProblem> drained = new ArrayList<>(kept);
    if (suppressed > 0) {
      drained.add(
          new FileProblem(
              file, firstSuppressedOffset, suppressed + " more problems suppressed", clock.instant()));
    }
    kept.clear();
    suppressed = 0;
    return drained;
  }
}
