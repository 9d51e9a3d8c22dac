package dev.runboard.index;

import dev.runboard.eventlog.ReadOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/** What every run of one index shares. */
record IndexContext(
    Path root,
    ReadOptions readOptions,
    MemoryBudget budget,
    ProblemLog problems,
    UpdateHub hub,
    Clock clock,
    AtomicLong bytesRead,
    AtomicLong bytesTotal) {

  /** A file's name as users see it: relative to the logdir, with '/' separators. */
  String display(Path file) {
    Path relative = file.isAbsolute() && file.startsWith(root) ? root.relativize(file) : file;
    return relative.toString().replace(file.getFileSystem().getSeparator(), "/");
  }
}
