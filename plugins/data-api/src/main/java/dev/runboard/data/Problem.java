package dev.runboard.data;

import java.time.Instant;
import java.util.Objects;

/**
 * Something wrong that the index skipped or worked around: damaged records, files that shrank,
 * oversized records, files it could not read. Shown by the API, the dashboard and {@code inspect}.
 *
 * @param run the run the file belongs to ("" when it belongs to none)
 * @param file the file, relative to the logdir
 * @param offset byte offset in the file, or -1 when it concerns the whole file
 * @param message what was wrong and what was done about it
 * @param time when it was found
 */
public record Problem(String run, String file, long offset, String message, Instant time) {
  public Problem {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(time, "time");
  }
}
