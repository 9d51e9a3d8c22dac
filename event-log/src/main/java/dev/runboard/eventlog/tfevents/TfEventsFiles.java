package dev.runboard.eventlog.tfevents;

import java.nio.file.Path;

/** TensorBoard's rule for event files: any file whose name contains "tfevents". */
public final class TfEventsFiles {
  private TfEventsFiles() {}

  /** True for {@code events.out.tfevents.<time>.<host>…} and also for bare {@code *.tfevents}. */
  public static boolean isTfEventsFile(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().contains("tfevents");
  }
}
