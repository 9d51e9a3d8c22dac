package dev.runboard.plugin;

import java.util.Objects;

/**
 * A run: one directory of the logdir holding log files, named by its path relative to the logdir
 * with '/' separators ("." for the logdir itself), as TensorBoard names runs.
 */
public record RunInfo(String name) {
  public RunInfo {
    Objects.requireNonNull(name, "name");
  }
}
